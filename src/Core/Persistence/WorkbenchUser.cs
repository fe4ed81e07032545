using Microsoft.AspNetCore.Identity;

namespace Workbench.Core.Persistence;

/// <summary>A team-mode account (ASP.NET Core Identity). The user name is the e-mail address.</summary>
public sealed class WorkbenchUser : IdentityUser
{
    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAtUtc { get; set; }
}

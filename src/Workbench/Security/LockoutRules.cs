using System.ComponentModel.DataAnnotations;

namespace Workbench.Security;

/// <summary>The <c>Workbench:Security:Lockout</c> section: how many wrong passwords lock an account, and for how long.</summary>
public sealed class LockoutRules
{
    [Range(1, 100, ErrorMessage = "Workbench:Security:Lockout:MaxFailedAttempts must be between 1 and 100.")]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(1, 1440, ErrorMessage = "Workbench:Security:Lockout:Minutes must be between 1 and 1440.")]
    public int Minutes { get; set; } = 15;
}

using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>The <c>Workbench:Security</c> section: local or team mode, password and lockout rules.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Workbench:Security";
    public const string ModeKey = SectionName + ":Mode";

    /// <summary><see cref="SecurityModes.Local"/> (default) or <see cref="SecurityModes.Team"/>.</summary>
    public string Mode { get; set; } = SecurityModes.Local;

    /// <summary>Deployments behind an authenticating reverse proxy may listen on the network in local mode.</summary>
    public bool AllowUnauthenticatedNetworkAccess { get; set; }

    [ValidateObjectMembers]
    public PasswordRules Password { get; set; } = new();

    [ValidateObjectMembers]
    public LockoutRules Lockout { get; set; } = new();

    [ValidateObjectMembers]
    public RateLimitRules RateLimits { get; set; } = new();

    public OidcSettings Oidc { get; set; } = new();

    public bool IsTeam => string.Equals(Mode, SecurityModes.Team, StringComparison.OrdinalIgnoreCase);
}

namespace Workbench.Security;

/// <summary>The values of <c>Workbench:Security:Mode</c>.</summary>
public static class SecurityModes
{
    /// <summary>One person on this machine: no sign-in, everything is done as "local" with every role; loopback only.</summary>
    public const string Local = "local";

    /// <summary>Several people: ASP.NET Core Identity accounts, cookie sign-in, roles.</summary>
    public const string Team = "team";
}

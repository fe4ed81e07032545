namespace Workbench.Hosting;

/// <summary>
/// Who is acting in this circuit. Local single-user mode for now: every action is by "local".
/// Sign-in (team mode) replaces this with the authenticated user's name.
/// </summary>
public sealed class CurrentUser
{
    public const string LocalUserName = "local";

    public string Name { get; } = LocalUserName;
}

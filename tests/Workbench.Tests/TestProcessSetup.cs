using System.Runtime.CompilerServices;

namespace Workbench.Tests;

/// <summary>Process-wide settings for the many in-memory app hosts these tests start.</summary>
internal static class TestProcessSetup
{
    /// <summary>
    /// Each host would watch its appsettings files for changes, one inotify instance per watcher, and Linux allows 128
    /// per user: with dozens of hosts (the team-mode tests start one each) that limit is reached. Tests never edit
    /// configuration files, so the hosts do not watch them.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}

using System.Text.Json;

namespace Workbench.Tests.Hosting;

/// <summary>The runtime settings ADR-019 chose for the app process (they live in the app's runtimeconfig.json).</summary>
public class RuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Workbench.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Theory]
    [InlineData("System.GC.Server")]
    [InlineData("System.Runtime.TieredPGO")]
    public void RuntimeConfig_App_SwitchesOff(string property)
    {
        Assert.False(ConfigProperties().GetProperty(property).GetBoolean());
    }

    /// <summary>
    /// ADR-019, later changes (session 9): background GC on. On this kind of VM the non-concurrent workstation GC sized its
    /// youngest generation from the reported (large) L3 cache and peaked ≈ 22 MB higher during a batch.
    /// </summary>
    [Fact]
    public void RuntimeConfig_App_KeepsTheBackgroundGarbageCollector()
    {
        Assert.True(ConfigProperties().GetProperty("System.GC.Concurrent").GetBoolean());
    }
}

using Workbench.Core.Providers;

namespace Workbench.Core.Tests.Providers;

public class SimulatedFaultTests
{
    [Fact]
    public void TryParse_EveryDocumentedName_Parses()
    {
        string[] documented = ["invalid-json", "missing-required", "wrong-type", "extra-property", "prose-wrapped", "fenced", "truncated", "empty",
            "http-429", "http-500", "http-503", "http-529", "timeout", "drop-mid-stream", "slow-first-token", "echo-pii"];

        Assert.Equal(documented, SimulatedFault.Names);
        foreach (var name in documented)
        {
            Assert.True(SimulatedFault.TryParse(name, out var fault, out _));
            Assert.Null(fault!.Attempt);
            Assert.Equal(name, fault.ToString());
        }
    }

    [Fact]
    public void TryParse_AttemptSuffix_AppliesOnlyToThatAttempt()
    {
        Assert.True(SimulatedFault.TryParse("invalid-json@2", out var fault, out _));

        Assert.Equal(SimulatedFaultKind.InvalidJson, fault!.Kind);
        Assert.False(fault.AppliesTo(1));
        Assert.True(fault.AppliesTo(2));
    }

    [Theory]
    [InlineData("invalid_json")]
    [InlineData("INVALID-JSON")]
    [InlineData("http-418")]
    [InlineData(" timeout")]
    public void TryParse_UnknownName_ListsTheValidNames(string text)
    {
        Assert.False(SimulatedFault.TryParse(text, out _, out var error));

        Assert.StartsWith("Unknown fault", error, StringComparison.Ordinal);
        Assert.Contains("invalid-json, missing-required", error, StringComparison.Ordinal);
        Assert.Contains("echo-pii", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeout@0")]
    [InlineData("timeout@")]
    [InlineData("timeout@-1")]
    [InlineData("timeout@1x")]
    [InlineData("timeout@1@2")]
    public void TryParse_BadAttempt_IsAnError(string text)
    {
        Assert.False(SimulatedFault.TryParse(text, out _, out var error));
        Assert.Contains("positive whole number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAll_SeveralErrors_ReportsEach()
    {
        var (faults, errors) = SimulatedFault.ParseAll(["fenced@1", "nope", "http-429", "bad@0"]);

        Assert.Equal(2, faults.Count);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void SimulationSettings_UnknownFault_ThrowsWithValidNames()
    {
        var settings = new SimulationSettings { Faults = ["explode"] };

        var ex = Assert.Throws<ArgumentException>(() => settings.ParseFaults());
        Assert.Contains("Valid faults:", ex.Message, StringComparison.Ordinal);
    }
}

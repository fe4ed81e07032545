using Workbench.Components.Pages.Settings;

namespace Workbench.Tests.Pages;

public class ProviderSettingsTests
{
    [Fact]
    public async Task ProviderSettings_Default_ListsSimulatedAndItsConnectionTestSucceeds()
    {
        await using var context = new PageTestContext();

        var cut = context.Render<ProviderSettings>();
        var card = cut.Find("[data-testid=provider-simulated]");
        Assert.Contains("Simulated · offline, no key", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("configured", card.TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=test-simulated]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Reachable", cut.Find("[data-testid=status-simulated]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ProviderSettings_KeyVariableNotSet_SaysSoAndNeverShowsAKey()
    {
        const string variable = "WORKBENCH_TEST_UNSET_OPENAI_KEY";
        Environment.SetEnvironmentVariable(variable, null);
        await using var context = new PageTestContext(new Dictionary<string, string?>
        {
            ["Workbench:Providers:cloud:Type"] = "openai",
            ["Workbench:Providers:cloud:ApiKeyVariable"] = variable,
        });

        var cut = context.Render<ProviderSettings>();
        var card = cut.Find("[data-testid=provider-cloud]");

        Assert.Contains("needs attention", card.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{variable} is not set", card.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderSettings_KeyVariableSet_SaysSetButNeverShowsTheValue()
    {
        var variable = "WORKBENCH_TEST_OPENAI_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var fakeKey = "sk-test-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, fakeKey);
        try
        {
            await using var context = new PageTestContext(new Dictionary<string, string?>
            {
                ["Workbench:Providers:cloud:Type"] = "openai",
                ["Workbench:Providers:cloud:ApiKeyVariable"] = variable,
            });

            var cut = context.Render<ProviderSettings>();

            Assert.Contains($"{variable} is set in the environment", cut.Find("[data-testid=provider-cloud]").TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(fakeKey, cut.Markup, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}

using Workbench.Components.Pages;
using Workbench.Core.Redaction;
using Workbench.Tests.Privacy;

namespace Workbench.Tests.Pages;

public class PrivacyPageTests
{
    [Fact]
    public async Task TryIt_PastedText_HighlightsSpansAndShowsPlaceholders()
    {
        await using var context = new PageTestContext();
        var page = context.Render<PrivacyPage>();

        page.Find("textarea").Input($"Mail {PlantedValues.Email}, call {PlantedValues.Phone}, key {PlantedValues.OpenAiKey}. Order 12345.");

        var marks = page.FindAll("[data-testid=try-found] mark.redaction-span");
        Assert.Equal([RedactionKinds.Email, RedactionKinds.Phone, RedactionKinds.SecretOpenAi], marks.Select(m => m.GetAttribute("data-kind")));
        Assert.Equal(PlantedValues.Email, marks[0].TextContent);
        var redacted = page.Find("[data-testid=try-redacted]").TextContent;
        Assert.Contains("Mail [EMAIL], call [PHONE], key [SECRET:openai]. Order 12345.", redacted, StringComparison.Ordinal);
        Assert.Equal(["[EMAIL]", "[PHONE]", "[SECRET:openai]"], page.FindAll("[data-testid=try-redacted] .redaction-placeholder").Select(p => p.TextContent));
    }

    [Fact]
    public async Task TryIt_PastedText_NeverLogged()
    {
        await using var context = new PageTestContext();
        var page = context.Render<PrivacyPage>();
        var before = context.Logs.Count;

        page.Find("textarea").Input("Customer Ada Example, " + PlantedValues.Card);

        Assert.Contains("[CARD]", page.Find("[data-testid=try-redacted]").TextContent, StringComparison.Ordinal);
        Assert.Equal(before, context.Logs.Count);
        Assert.DoesNotContain(context.Logs.GetSnapshot(), r => r.Message.Contains("Ada Example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_DefaultConfiguration_EveryDetectorOnTelemetryAndDebugOff()
    {
        await using var context = new PageTestContext();
        var page = context.Render<PrivacyPage>();

        var chips = page.FindAll("[data-testid=detectors] [data-kind]");
        Assert.Equal(RedactionKinds.BuiltIn, chips.Select(c => c.GetAttribute("data-kind")));
        Assert.All(chips, c => Assert.Equal("true", c.GetAttribute("data-on")));
        Assert.Contains("On", page.Find("[data-testid=status-redaction]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Off", page.Find("[data-testid=status-telemetry]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Off", page.Find("[data-testid=status-debug-logging]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing is sent anywhere", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryIt_Cleared_ShowsNothing()
    {
        await using var context = new PageTestContext();
        var page = context.Render<PrivacyPage>();
        var input = page.Find("textarea");

        input.Input(PlantedValues.Email);
        page.Find("textarea").Input("");

        Assert.Empty(page.FindAll("mark.redaction-span"));
        Assert.Contains("Found (0)", page.Markup, StringComparison.Ordinal);
    }
}

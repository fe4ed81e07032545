using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages;
using Workbench.Core.Retention;
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

    [Fact]
    public async Task Retention_DefaultsBeforeTheFirstPurge_ShowsPolicyAndNotYet()
    {
        await using var context = new PageTestContext();
        var page = context.Render<PrivacyPage>();

        var text = page.Find("[data-testid=retention-text]").TextContent;
        Assert.Contains("Runs are kept for 90 days; purged every 6 h; last purge: not yet.", Normalize(text), StringComparison.Ordinal);
        Assert.Contains("90 days", page.Find("[data-testid=status-retention]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_AfterAPurge_ShowsWhenAndHowMany()
    {
        await using var context = new PageTestContext(new Dictionary<string, string?> { ["Workbench:Retention:RunDays"] = "30", ["Workbench:Retention:PurgeInterval"] = "1.12:00:00" });
        await context.Services.GetRequiredService<RunRetention>().PurgeAsync(Xunit.TestContext.Current.CancellationToken);
        var page = context.Render<PrivacyPage>();

        var text = Normalize(page.Find("[data-testid=retention-text]").TextContent);
        Assert.Contains("Runs are kept for 30 days; purged every 1 d 12 h; last purge: just now (0 runs deleted).", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_RunDaysZero_SaysRunsAreKept()
    {
        await using var context = new PageTestContext(new Dictionary<string, string?> { ["Workbench:Retention:RunDays"] = "0" });
        var page = context.Render<PrivacyPage>();

        Assert.Contains("Runs are kept until deleted by hand", page.Find("[data-testid=retention-text]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Kept", page.Find("[data-testid=status-retention]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("06:00:00", "6 h")]
    [InlineData("00:01:00", "1 min")]
    [InlineData("1.00:00:00", "1 d")]
    [InlineData("02:30:00", "2 h 30 min")]
    public void IntervalText_Interval_ReadsLikeAPerson(string interval, string expected) =>
        Assert.Equal(expected, PrivacyPage.IntervalText(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Replace(" .", ".", StringComparison.Ordinal).Replace(" (", " (", StringComparison.Ordinal).Trim();
}

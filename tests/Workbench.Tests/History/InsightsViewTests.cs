using MudBlazor.Services;
using Workbench.Components.Runs;
using Workbench.Core.History;

namespace Workbench.Tests.History;

public class InsightsViewTests
{
    private static readonly DateTime Day1 = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }

    private static TemplateInsights TwoVersions(decimal? v1Cost = 0.002m, decimal? v2Cost = 0.003m) => new(
        "trip", 12, false, InsightPeriod.Day, [Day1, Day1.AddDays(1)],
        [
            new VersionInsight(1, 6, 4, 1, 1, 0, 5 / 6.0, v1Cost, v1Cost is null ? 0 : 6, v1Cost is null ? 6 : 0,
                [new(Day1, 4, 0.75, v1Cost), new(Day1.AddDays(1), 2, 1.0, v1Cost)]),
            new VersionInsight(2, 6, 2, 1, 3, 0, 0.5, v2Cost, v2Cost is null ? 0 : 5, v2Cost is null ? 6 : 1,
                [new(Day1, 0, null, null), new(Day1.AddDays(1), 6, 0.5, v2Cost)]),
        ]);

    [Fact]
    public async Task TemplateInsights_WithRuns_ChartsAndTableRender()
    {
        await using var context = NewContext();

        var cut = context.Render<TemplateInsightsView>(p => p.Add(x => x.Insights, TwoVersions()));

        foreach (var chart in new[] { "chart-pass-rate", "chart-cost", "chart-attempts" })
        {
            Assert.NotEmpty(cut.FindAll($"[data-testid={chart}] svg"));
        }

        Assert.Contains("v2", cut.Find("[data-testid=chart-pass-rate]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Repaired", cut.Find("[data-testid=chart-attempts]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["83 %", "50 %"], cut.FindAll("[data-testid=insights-pass-rate]").Select(c => c.TextContent.Trim()));
        Assert.Contains("(5 of 6 priced)", cut.FindAll("[data-testid=insights-cost]")[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=insights-empty]"));
    }

    [Fact]
    public async Task TemplateInsights_NoRuns_ClearEmptyStateAndNoChart()
    {
        await using var context = NewContext();

        var cut = context.Render<TemplateInsightsView>(p => p.Add(x => x.Insights, TemplateInsights.Empty("trip")));

        Assert.Contains("No runs of this template yet", cut.Find("[data-testid=insights-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".mud-chart"));
    }

    [Fact]
    public async Task TemplateInsights_NoPrices_CostSaysUnknownNotZero()
    {
        await using var context = NewContext();

        var cut = context.Render<TemplateInsightsView>(p => p.Add(x => x.Insights, TwoVersions(null, null)));

        Assert.NotEmpty(cut.FindAll("[data-testid=cost-unknown]"));
        Assert.Empty(cut.FindAll("[data-testid=chart-cost] .mud-chart"));
        Assert.All(cut.FindAll("[data-testid=insights-cost]"), c => Assert.Equal("unknown", c.TextContent.Trim()));
        Assert.DoesNotContain("$0", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateInsights_AllPricesZero_CostSaysZeroInsteadOfAnEmptyChart()
    {
        await using var context = NewContext();

        var cut = context.Render<TemplateInsightsView>(p => p.Add(x => x.Insights, TwoVersions(0m, 0m)));

        Assert.Contains("cost $0", cut.Find("[data-testid=cost-zero]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=chart-cost] .mud-chart"));
        Assert.Empty(cut.FindAll("[data-testid=cost-unknown]"));
        Assert.All(cut.FindAll("[data-testid=insights-cost]"), c => Assert.StartsWith("$0", c.TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TemplateInsights_OnePeriod_BarsInsteadOfALine()
    {
        await using var context = NewContext();
        var insights = new TemplateInsights("trip", 1, false, InsightPeriod.Day, [Day1], [new VersionInsight(1, 1, 1, 0, 0, 0, 1.0, 0.001m, 1, 0, [new(Day1, 1, 1.0, 0.001m)])]);

        var cut = context.Render<TemplateInsightsView>(p => p.Add(x => x.Insights, insights));

        Assert.NotEmpty(cut.FindAll("[data-testid=chart-pass-rate] .mud-chart svg"));
        Assert.Equal("100 %", cut.Find("[data-testid=insights-pass-rate]").TextContent.Trim());
    }

    [Fact]
    public async Task BatchInsights_WithRuns_HistogramsAndSummariesPerModel()
    {
        await using var context = NewContext();
        var latency = new Histogram([0, 100, 200, 300]);
        var tokens = new Histogram([0, 50, 100]);
        var insights = new BatchInsights(Guid.NewGuid(),
        [
            new SettingDistribution(0, "simulated · fast", DistributionSummary.Of([50, 150]), DistributionSummary.Of([40, 60]), [1, 1, 0], [1, 1], 0, false),
            new SettingDistribution(1, "simulated · slow", DistributionSummary.Of([250]), null, [0, 0, 1], [0, 0], 1, false),
        ], latency, tokens);

        var cut = context.Render<BatchInsightsView>(p => p.Add(x => x.Insights, insights));

        Assert.NotEmpty(cut.FindAll("[data-testid=chart-latency] svg"));
        Assert.NotEmpty(cut.FindAll("[data-testid=chart-tokens] svg"));
        Assert.Contains("simulated · slow", cut.Find("[data-testid=chart-latency]").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid=distribution-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("50 ms / 100 ms / 145 ms / 150 ms", rows[0].QuerySelector("[data-testid=latency-summary]")!.TextContent.Trim());
        Assert.Contains("unknown", rows[1].QuerySelector("[data-testid=token-summary]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchInsights_NoFinishedRuns_ClearEmptyState()
    {
        await using var context = NewContext();

        var cut = context.Render<BatchInsightsView>(p => p.Add(x => x.Insights, new BatchInsights(Guid.NewGuid(), [], null, null)));

        Assert.Contains("No finished runs to chart yet", cut.Find("[data-testid=insights-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".mud-chart"));
    }

    [Fact]
    public async Task BatchInsights_NoTokenCounts_TokensUnknown()
    {
        await using var context = NewContext();
        var insights = new BatchInsights(Guid.NewGuid(),
            [new SettingDistribution(0, "simulated · m", DistributionSummary.Of([100]), null, [1], [], 1, false)], new Histogram([100, 101]), null);

        var cut = context.Render<BatchInsightsView>(p => p.Add(x => x.Insights, insights));

        Assert.NotEmpty(cut.FindAll("[data-testid=tokens-unknown]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=chart-latency] svg"));
    }
}

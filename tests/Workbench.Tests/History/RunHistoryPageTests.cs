using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages.Runs;
using Workbench.Core.History;
using Workbench.Core.Runs;
using Workbench.Tests.Pages;

namespace Workbench.Tests.History;

public class RunHistoryPageTests
{
    [Fact]
    public async Task History_FiltersInTheUrl_ShowOnlyMatchingRuns()
    {
        await using var context = new PageTestContext();
        await HistorySeed.AddRunAsync(context.Services, template: "trip", status: RunStatus.Invalid);
        await HistorySeed.AddRunAsync(context.Services, template: "trip", status: RunStatus.Valid);
        await HistorySeed.AddRunAsync(context.Services, template: "invoice", status: RunStatus.Invalid);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("runs?template=trip&status=invalid");

        var cut = context.Render<RunList>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=run-link]")));
        Assert.Equal("invalid", cut.Find("[data-testid=runs-table] [data-testid=run-status]").GetAttribute("data-status"));
        Assert.Contains("1–1 of 1", cut.Find("[data-testid=history-range]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=clear-filters]"));
    }

    [Fact]
    public async Task History_SortHeaderClicked_PutsTheSortInTheUrl()
    {
        await using var context = new PageTestContext();
        await HistorySeed.AddRunAsync(context.Services, template: "b");
        await HistorySeed.AddRunAsync(context.Services, template: "a");
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("runs");
        var cut = context.Render<RunList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=run-link]").Count));

        cut.Find("[data-testid=sort-template]").Click();

        Assert.Contains("sort=template", navigation.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal(["b", "a"], cut.FindAll("[data-testid=run-link]").Select(l => l.TextContent)));
        cut.Find("[data-testid=sort-template]").Click();
        Assert.Contains("dir=asc", navigation.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal(["a", "b"], cut.FindAll("[data-testid=run-link]").Select(l => l.TextContent)));
    }

    [Fact]
    public async Task History_TwoRunsSelected_CompareLinksToBoth()
    {
        await using var context = new PageTestContext();
        var first = await HistorySeed.AddRunAsync(context.Services);
        var second = await HistorySeed.AddRunAsync(context.Services);
        var cut = context.Render<RunList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("input[data-testid=select-run], [data-testid=select-run] input").Count));
        Assert.True(cut.Find("[data-testid=compare-selected]").HasAttribute("disabled"));

        cut.FindAll("input[data-testid=select-run], [data-testid=select-run] input")[0].Change(true);
        cut.FindAll("input[data-testid=select-run], [data-testid=select-run] input")[1].Change(true);

        var href = cut.Find("[data-testid=compare-selected]").GetAttribute("href");
        Assert.Equal($"compare?runs={second},{first}", href);
    }

    [Fact]
    public async Task History_NonsenseInTheUrl_IgnoredAndSaidSo()
    {
        await using var context = new PageTestContext();
        await HistorySeed.AddRunAsync(context.Services);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("runs?status=exploded&page=-3");

        var cut = context.Render<RunList>();

        cut.WaitForAssertion(() => Assert.Contains("status \"exploded\" is not a run status", cut.Find("[data-testid=ignored-parameters]").TextContent, StringComparison.Ordinal));
        Assert.Contains("page \"-3\"", cut.Find("[data-testid=ignored-parameters]").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=run-link]"));
    }

    [Fact]
    public async Task History_NoRuns_EmptyStateAndFilteredEmptyState()
    {
        await using var context = new PageTestContext();
        var cut = context.Render<RunList>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=runs-empty]")));

        context.Services.GetRequiredService<NavigationManager>().NavigateTo("runs?template=nothing");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=no-matches]")));
    }

    [Fact]
    public async Task History_SearchTextWithoutWords_ClearMessage()
    {
        await using var context = new PageTestContext();
        await HistorySeed.AddRunAsync(context.Services);
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("runs?q=%2A%2A%2A");

        var cut = context.Render<RunList>();

        cut.WaitForAssertion(() => Assert.Contains("at least one letter or digit", cut.Find("[data-testid=history-problems]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void HistoryUrl_Query_RoundTripsThroughTheQueryString()
    {
        var query = new RunHistoryQuery
        {
            Template = "trip quote",
            Version = 3,
            Label = "production",
            Provider = "openai",
            Model = "gpt-4o",
            Statuses = [RunStatus.Invalid, RunStatus.Failed],
            BatchId = Guid.NewGuid(),
            FromUtc = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            ToUtc = new DateTime(2026, 11, 8, 0, 0, 0, DateTimeKind.Utc),
            Author = "rita",
            Text = "oslo price",
            Verdict = VerdictKind.NeedsWork,
            Sort = RunHistorySort.Attempts,
            Descending = false,
            Page = 2,
            PageSize = 50,
        };
        var parameters = RunHistoryUrl.ToParameters(query);

        var (parsed, ignored) = RunHistoryUrl.Parse(name => parameters.GetValueOrDefault(name) as string);

        Assert.Empty(ignored);
        Assert.Equal(query with { Statuses = [] }, parsed with { Statuses = [] });
        Assert.Equal(query.Statuses, parsed.Statuses);
        Assert.Equal("runs", RunHistoryUrl.ToRelativeUrl(new RunHistoryQuery()));
        Assert.Equal("runs?template=a%20b&status=valid", RunHistoryUrl.ToRelativeUrl(new RunHistoryQuery { Template = "a b", Statuses = [RunStatus.Valid] }));
    }
}

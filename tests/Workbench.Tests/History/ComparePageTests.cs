using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages.Runs;
using Workbench.Core.History;
using Workbench.Core.Runs;
using Workbench.Tests.Pages;

namespace Workbench.Tests.History;

public class ComparePageTests
{
    private static IRenderedComponent<ComparePage> RenderCompare(PageTestContext context, string runs, bool diff = false)
    {
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"compare?runs={Uri.EscapeDataString(runs)}{(diff ? "&diff=1" : "")}");
        return context.Render<ComparePage>();
    }

    [Fact]
    public async Task Compare_ValidThenInvalid_ColumnsAndRegressionMarked()
    {
        await using var context = new PageTestContext();
        var valid = await HistorySeed.AddRunAsync(context.Services, status: RunStatus.Valid);
        var invalid = await HistorySeed.AddRunAsync(context.Services, status: RunStatus.Invalid, json: """{"city":"Oslo","price":"100"}""", model: "other-model");

        var cut = RenderCompare(context, $"{valid},{invalid}");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=compare-column-1]")));
        Assert.Empty(cut.FindAll("[data-testid=compare-column-0] [data-testid=regression]"));
        Assert.Single(cut.FindAll("[data-testid=compare-column-1] [data-testid=regression]"));
        Assert.Contains(cut.FindAll("[data-testid=compare-settings] dd.compare-differs"), d => d.TextContent.Contains("other-model", StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=json-diff]"));
    }

    [Fact]
    public async Task Compare_DiffToggled_StructuralJsonDiffAndTextDiffAgainstTheFirstColumn()
    {
        await using var context = new PageTestContext();
        var first = await HistorySeed.AddRunAsync(context.Services, json: """{"city":"Oslo","price":100,"notes":["a"]}""");
        var second = await HistorySeed.AddRunAsync(context.Services, json: """{"city":"Bergen","price":"100"}""");
        var cut = RenderCompare(context, $"{first},{second}");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input[data-testid=diff-toggle], [data-testid=diff-toggle] input")));

        cut.Find("input[data-testid=diff-toggle], [data-testid=diff-toggle] input").Change(true);

        var rows = cut.FindAll("[data-testid=compare-output-1] [data-testid=json-diff-row]");
        Assert.Equal(["/city", "/price", "/notes"], rows.Select(r => r.GetAttribute("data-path")));
        Assert.Equal(["changed", "changed", "removed"], rows.Select(r => r.GetAttribute("data-kind")));
        Assert.Single(cut.FindAll("[data-testid=compare-output-1] [data-testid=json-diff-type-change]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=compare-output-1] [data-testid=text-diff]"));
        Assert.Empty(cut.FindAll("[data-testid=compare-output-0] [data-testid=json-diff]"));
    }

    [Fact]
    public async Task Compare_SameOutput_DiffSaysIdentical()
    {
        await using var context = new PageTestContext();
        var first = await HistorySeed.AddRunAsync(context.Services);
        var second = await HistorySeed.AddRunAsync(context.Services);

        var cut = RenderCompare(context, $"{first},{second}", diff: true);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=compare-output-1] [data-testid=json-diff-identical]")));
        Assert.NotEmpty(cut.FindAll("[data-testid=compare-output-1] [data-testid=text-diff-empty]"));
    }

    [Theory]
    [InlineData("", "Pick 2 to 4 runs")]
    [InlineData("not-a-guid,also-not", "is not a run id")]
    [InlineData("0193a7e4-0000-7000-8000-000000000001", "the link names 1")]
    [InlineData("0193a7e4-0000-7000-8000-000000000001,0193a7e4-0000-7000-8000-000000000002,0193a7e4-0000-7000-8000-000000000003,0193a7e4-0000-7000-8000-000000000004,0193a7e4-0000-7000-8000-000000000005", "At most 4")]
    public async Task Compare_BadRunsParameter_ClearMessage(string runs, string message)
    {
        await using var context = new PageTestContext();

        var cut = RenderCompare(context, runs);

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("[data-testid=compare-problem]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_UnknownRun_ColumnSaysSoOthersStillShow()
    {
        await using var context = new PageTestContext();
        var known = await HistorySeed.AddRunAsync(context.Services);

        var cut = RenderCompare(context, $"{known},{Guid.NewGuid()}");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=compare-column-1] [data-testid=compare-missing]")));
        Assert.NotEmpty(cut.FindAll("[data-testid=compare-column-0] [data-testid=compare-run-link]"));
    }

    [Fact]
    public async Task Compare_RunWithVerdict_VerdictShownInItsColumn()
    {
        await using var context = new PageTestContext();
        var first = await HistorySeed.AddRunAsync(context.Services);
        var second = await HistorySeed.AddRunAsync(context.Services);
        var verdicts = (VerdictService)context.Services.GetService(typeof(VerdictService))!;
        await verdicts.AddAsync(second, "rita", VerdictKind.Approved, null, Xunit.TestContext.Current.CancellationToken);

        var cut = RenderCompare(context, $"{first},{second}");

        cut.WaitForAssertion(() => Assert.Equal("approved", cut.Find("[data-testid=compare-column-1] [data-testid=verdict-chip]").GetAttribute("data-verdict")));
        Assert.Empty(cut.FindAll("[data-testid=compare-column-0] [data-testid=verdict-chip]"));
    }
}

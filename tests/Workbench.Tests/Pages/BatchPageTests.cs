using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor;
using Workbench.Components.Pages.Batches;
using Workbench.Core.Batches;
using Workbench.Core.Templates;
using Workbench.Tests.Batches;

namespace Workbench.Tests.Pages;

public class BatchPageTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings(int chunkDelayMilliseconds) => new()
    {
        ["Workbench:Providers:simulated:Type"] = "simulated",
        ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = chunkDelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>bUnit runs no hosted services: start the batch runner by hand.</summary>
    private static async Task<BatchRunner> StartRunnerAsync(PageTestContext context)
    {
        var runner = context.Services.GetServices<IHostedService>().OfType<BatchRunner>().Single();
        await runner.StartAsync(Ct);
        return runner;
    }

    private static BatchRequest Request(params string?[] cities) => new(BatchSeed.TemplateName)
    {
        Cases = [.. cities.Select(c => new TestCase(new Dictionary<string, string?> { ["city"] = c }))],
        Settings = [new BatchSetting("simulated", null), new BatchSetting("simulated", null)],
        Concurrency = 2,
    };

    private static async Task<BatchSummary> WaitFinishedAsync(PageTestContext context, Guid id)
    {
        var batches = context.Services.GetRequiredService<BatchService>();
        for (var i = 0; i < 600; i++)
        {
            var summary = await batches.GetAsync(id, Ct);
            if (summary is { Status: not (BatchStatus.Queued or BatchStatus.Running) })
            {
                return summary;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The batch did not finish.");
    }

    [Fact]
    public async Task BatchPage_FinishedBatch_ShowsProgressCountsMatrixAndPassRate()
    {
        await using var context = new PageTestContext(Settings(0));
        var runner = await StartRunnerAsync(context);
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        var started = await context.Services.GetRequiredService<BatchService>().StartAsync(Request("Oslo", "Bergen", "Tromsø"), Ct);
        Assert.True(started.Succeeded, string.Join("; ", started.Problems));
        await WaitFinishedAsync(context, started.Value);

        var cut = context.Render<BatchDetail>(p => p.Add(x => x.BatchId, started.Value));

        cut.WaitForElement("[data-testid=batch-matrix]");
        Assert.Equal("completed", cut.Find("[data-testid=batch-status]").TextContent.Trim());
        Assert.Equal("6", cut.Find("[data-testid=batch-progress]").GetAttribute("data-completed"));
        Assert.Equal("6", cut.Find("[data-testid=batch-progress]").GetAttribute("data-total"));
        Assert.Contains("6 of 6 runs done", cut.Find("[data-testid=batch-progress-text]").TextContent, StringComparison.Ordinal);
        Assert.Contains("valid 6", cut.Find("[data-testid=count-valid]").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll("[data-testid=batch-row]").Count);
        Assert.Equal(6, cut.FindAll("[data-testid=batch-cell][data-status=valid]").Count);
        Assert.Contains("city: Tromsø", cut.FindAll("[data-testid=batch-row]")[2].TextContent, StringComparison.Ordinal);
        Assert.All(cut.FindAll("[data-testid=pass-rate]"), p => Assert.Equal("100% passed (3/3)", p.TextContent.Trim()));
        Assert.Equal(2, cut.FindAll("[data-testid=simulated-label]").Count);
        Assert.Contains("1 attempt", cut.Find("[data-testid=cell-facts]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("runs/", cut.Find("[data-testid=cell-link]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=cancel-batch]"));
        Assert.Empty(cut.FindAll("[data-testid=batch-eta]"));
        await runner.StopAsync(Ct);
    }

    [Fact]
    public async Task BatchPage_SelectingCells_BuildsTheCompareLinkForUpToFour()
    {
        await using var context = new PageTestContext(Settings(0));
        var runner = await StartRunnerAsync(context);
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        var started = await context.Services.GetRequiredService<BatchService>().StartAsync(Request("Oslo", "Bergen", "Tromsø"), Ct);
        await WaitFinishedAsync(context, started.Value);
        var matrix = await context.Services.GetRequiredService<BatchService>().GetMatrixAsync(started.Value, Ct);
        var cut = context.Render<BatchDetail>(p => p.Add(x => x.BatchId, started.Value));
        cut.WaitForElement("[data-testid=batch-matrix]");

        for (var i = 0; i < 5; i++)
        {
            await cut.InvokeAsync(() => cut.FindAll("input[data-testid=cell-select], [data-testid=cell-select] input")[i].Change(true));
        }

        var href = cut.Find("[data-testid=compare-selected]").GetAttribute("href");
        Assert.Equal("compare?runs=" + string.Join(",", matrix!.Cells.Take(4).Select(c => c.RunId)), href);
        Assert.Contains("Compare 4 selected", cut.Find("[data-testid=compare-selected]").TextContent, StringComparison.Ordinal);
        await runner.StopAsync(Ct);
    }

    [Fact]
    public async Task BatchPage_WhileRunning_FillsInLiveAndEndsCompleted()
    {
        await using var context = new PageTestContext(Settings(40));
        var runner = await StartRunnerAsync(context);
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        var started = await context.Services.GetRequiredService<BatchService>().StartAsync(Request("Oslo", "Bergen", "Tromsø", "Lima") with { Concurrency = 1 }, Ct);

        var cut = context.Render<BatchDetail>(p => p.Add(x => x.BatchId, started.Value));
        cut.WaitForElement("[data-testid=batch-matrix]");
        Assert.NotEmpty(cut.FindAll("[data-testid=cancel-batch]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=batch-eta]")); // "estimating time left…", then "about 3 s left"

        cut.WaitForAssertion(() => Assert.Equal("completed", cut.Find("[data-testid=batch-status]").TextContent.Trim()), TimeSpan.FromSeconds(60));
        Assert.Equal("8", cut.Find("[data-testid=batch-progress]").GetAttribute("data-completed"));
        Assert.Equal(8, cut.FindAll("[data-testid=batch-cell][data-status=valid]").Count);
        Assert.Empty(cut.FindAll("[data-testid=cancel-batch]"));
        await runner.StopAsync(Ct);
    }

    [Fact]
    public async Task BatchPage_UnknownId_ShowsNotFound()
    {
        await using var context = new PageTestContext();

        var cut = context.Render<BatchDetail>(p => p.Add(x => x.BatchId, Guid.NewGuid()));

        cut.WaitForAssertion(() => Assert.Contains("No batch with this id", cut.Find("[data-testid=batch-not-found]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunBatchDialog_UnknownProvider_ProblemIsShownAtTheProviderRow()
    {
        await using var context = new PageTestContext(Settings(0));
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        var templates = context.Services.GetRequiredService<TemplateService>();
        var template = await templates.FindByNameAsync(BatchSeed.TemplateName, Ct);
        var version = (await templates.GetLatestVersionAsync(template!.Id, Ct))!;
        var testCases = context.Services.GetRequiredService<TestCaseService>();
        await testCases.ReplaceSetAsync(template.Id, "smoke", [new TestCase(new Dictionary<string, string?> { ["city"] = "Oslo" })], Ct);
        var sets = await testCases.ListSetsAsync(template.Id, Ct);
        var broken = version with { Content = version.Content with { Settings = version.Content.Settings with { Provider = "nope" } } };
        context.Render<MudPopoverProvider>();
        var dialogs = context.Render<MudDialogProvider>();
        var dialogService = context.Services.GetRequiredService<IDialogService>();

        var shown = dialogs.InvokeAsync(() => RunBatchDialog.ShowAsync(dialogService, broken, BatchSeed.TemplateName, sets, "smoke"));
        dialogs.WaitForElement("[data-testid=run-batch-dialog]");
        Assert.Contains("Run 1 runs", dialogs.Find("[data-testid=start-batch]").TextContent, StringComparison.Ordinal);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=start-batch]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("There is no provider named 'nope'", dialogs.Find("[data-testid=batch-provider-0]").TextContent, StringComparison.Ordinal));
        Assert.False(shown.IsCompleted);
        Assert.Empty(await context.Services.GetRequiredService<BatchService>().ListRecentAsync(10, Ct));
    }
}

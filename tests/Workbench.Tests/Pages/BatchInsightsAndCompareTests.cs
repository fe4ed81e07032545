using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workbench.Components.Pages.Batches;
using Workbench.Components.Pages.Runs;
using Workbench.Components.Pages.Templates;
using Workbench.Core.Batches;
using Workbench.Core.Providers;
using Workbench.Core.Templates;
using Workbench.Tests.Batches;

namespace Workbench.Tests.Pages;

/// <summary>The batch page's charts and the ways from batch pages into the side-by-side comparison.</summary>
public class BatchInsightsAndCompareTests
{
    private static readonly string[] Cities = ["Oslo", "Bergen", "Tromsø"];

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Workbench:Providers:simulated:Type"] = "simulated",
        ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = "0",
    };

    private static async Task<BatchRunner> StartRunnerAsync(PageTestContext context)
    {
        var runner = context.Services.GetServices<IHostedService>().OfType<BatchRunner>().Single();
        await runner.StartAsync(Ct);
        return runner;
    }

    /// <summary>Runs a batch over three cities on two simulated settings and waits for it; <paramref name="faults"/> make every run fail validation.</summary>
    private static async Task<Guid> RunBatchAsync(PageTestContext context, params string[] faults)
    {
        var batches = context.Services.GetRequiredService<BatchService>();
        var started = await batches.StartAsync(new BatchRequest(BatchSeed.TemplateName)
        {
            Cases = [.. Cities.Select(c => new TestCase(new Dictionary<string, string?> { ["city"] = c }))],
            Settings = [new BatchSetting("simulated", null), new BatchSetting("simulated", "other-model")],
            Concurrency = 2,
            MaxAttempts = 1,
            Simulation = faults.Length == 0 ? null : new SimulationSettings { Faults = faults },
        }, Ct);
        Assert.True(started.Succeeded, string.Join("; ", started.Problems));
        for (var i = 0; i < 600; i++)
        {
            if (await batches.GetAsync(started.Value, Ct) is { Status: not (BatchStatus.Queued or BatchStatus.Running) })
            {
                return started.Value;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The batch did not finish.");
    }

    [Fact]
    public async Task BatchPage_Finished_ChartsPerModelAndRowCompareLink()
    {
        await using var context = new PageTestContext(Settings);
        var runner = await StartRunnerAsync(context);
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        var batch = await RunBatchAsync(context);
        var matrix = await context.Services.GetRequiredService<BatchService>().GetMatrixAsync(batch, Ct);

        var cut = context.Render<BatchDetail>(p => p.Add(x => x.BatchId, batch));

        cut.WaitForElement("[data-testid=batch-charts] [data-testid=chart-latency] svg");
        Assert.Equal(2, cut.FindAll("[data-testid=distribution-row]").Count);
        Assert.Contains("other-model", cut.Find("[data-testid=distribution-table]").TextContent, StringComparison.Ordinal);
        var firstRow = matrix!.Cells.Where(c => c.CaseIndex == 0).OrderBy(c => c.SettingIndex).Select(c => c.RunId);
        Assert.Equal("compare?runs=" + string.Join(",", firstRow) + "&diff=1", cut.FindAll("[data-testid=row-compare]")[0].GetAttribute("href"));
        await runner.StopAsync(Ct);
    }

    [Fact]
    public async Task BatchList_TwoTicked_CompareLinkOlderFirst()
    {
        await using var context = new PageTestContext(Settings);
        var runner = await StartRunnerAsync(context);
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        var older = await RunBatchAsync(context);
        var newer = await RunBatchAsync(context);
        var cut = context.Render<BatchList>();
        cut.WaitForElement("[data-testid=batches-table]");
        Assert.True(cut.Find("[data-testid=compare-batches]").HasAttribute("disabled"));

        for (var i = 0; i < 2; i++)
        {
            await cut.InvokeAsync(() => cut.FindAll("input[data-testid=batch-select], [data-testid=batch-select] input")[i].Change(true));
        }

        Assert.Equal($"batches/compare?left={older}&right={newer}", cut.Find("[data-testid=compare-batches]").GetAttribute("href"));
        await runner.StopAsync(Ct);
    }

    [Fact]
    public async Task BatchCompare_SecondBatchFails_RegressionsMarkedWithSideBySideLinks()
    {
        await using var context = new PageTestContext(Settings);
        var runner = await StartRunnerAsync(context);
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        var good = await RunBatchAsync(context);
        var bad = await RunBatchAsync(context, "wrong-type");
        context.Services.GetRequiredService<NavigationManager>().NavigateTo($"batches/compare?left={good}&right={bad}");

        var cut = context.Render<BatchComparePage>();

        cut.WaitForElement("[data-testid=batch-compare-table]");
        Assert.Equal("6", cut.Find("[data-testid=regression-count]").TextContent.Trim());
        Assert.Equal(6, cut.FindAll("[data-testid=case-change][data-change=regression]").Count);
        var links = cut.FindAll("[data-testid=case-side-by-side]");
        Assert.Equal(6, links.Count);
        Assert.All(links, l => Assert.Matches("^compare\\?runs=[0-9a-f-]{36},[0-9a-f-]{36}&diff=1$", l.GetAttribute("href")!));
        Assert.Contains("trip-quote v1", cut.Find("[data-testid=left-batch]").TextContent, StringComparison.Ordinal);
        Assert.Contains("simulated / other-model", cut.Find("[data-testid=batch-compare-table]").TextContent, StringComparison.Ordinal);
        await runner.StopAsync(Ct);
    }

    [Fact]
    public async Task TemplateHistory_WithRuns_InsightsShowPerVersion()
    {
        await using var context = new PageTestContext(Settings);
        var runner = await StartRunnerAsync(context);
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        await RunBatchAsync(context);
        var template = await context.Services.GetRequiredService<TemplateService>().FindByNameAsync(BatchSeed.TemplateName, Ct);

        var cut = context.Render<TemplateVersions>(p => p.Add(x => x.TemplateId, template!.Id));

        cut.WaitForElement("[data-testid=template-charts] [data-testid=chart-attempts] svg");
        Assert.Equal("100 %", cut.Find("[data-testid=insights-pass-rate]").TextContent.Trim());
        Assert.Equal("runs?template=trip-quote", cut.Find("[data-testid=template-runs-link]").GetAttribute("href"));
        await runner.StopAsync(Ct);
    }

    [Fact]
    public async Task TemplateHistory_NoRuns_InsightsEmptyState()
    {
        await using var context = new PageTestContext(Settings);
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        var template = await context.Services.GetRequiredService<TemplateService>().FindByNameAsync(BatchSeed.TemplateName, Ct);

        var cut = context.Render<TemplateVersions>(p => p.Add(x => x.TemplateId, template!.Id));

        cut.WaitForElement("[data-testid=template-charts] [data-testid=insights-empty]");
    }
}

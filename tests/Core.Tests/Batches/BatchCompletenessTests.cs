using Microsoft.EntityFrameworkCore;
using Workbench.Core.Batches;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Runs;

namespace Workbench.Core.Tests.Batches;

/// <summary>
/// With the preparation caches and shared provider clients (ADR-019), a batch at full concurrency still stores every
/// run with every attempt: repaired cases with two attempts, valid ones with one.
/// </summary>
public class BatchCompletenessTests
{
    private const int Cases = 120;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_ManyCasesAtConcurrencyEight_StoresEveryRunWithEveryAttempt()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        await bed.Runner.StartAsync(Ct);
        var request = new BatchRequest(RunTestBed.TemplateName)
        {
            Cases = [.. Enumerable.Range(0, Cases).Select(i => i % 4 == 0 ? BatchTestBed.Case("City" + i, null, "invalid-json@1") : BatchTestBed.Case("City" + i))],
            Concurrency = 8,
        };

        var started = await bed.Service.StartAsync(request, Ct);
        Assert.True(started.Succeeded, string.Join("; ", started.Problems));
        var summary = await bed.WaitForFinalAsync(started.Value, Ct);

        Assert.Equal(BatchStatus.Completed, summary.Status);
        Assert.Equal(Cases, summary.Completed);
        Assert.Equal(Cases / 4, summary.Repaired);
        Assert.Equal(Cases - (Cases / 4), summary.Valid);
        await using var db = await bed.Runs.Database.Factory.CreateDbContextAsync(Ct);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.BatchId == started.Value)
            .Select(r => new { r.Status, r.AttemptCount, Stored = db.RunAttempts.Count(a => a.RunId == r.Id) })
            .ToListAsync(Ct);
        Assert.Equal(Cases, runs.Count);
        Assert.All(runs, r => Assert.Equal(r.AttemptCount, r.Stored));
        Assert.Equal(Cases / 4, runs.Count(r => r.Status == RunStatus.Repaired && r.Stored == 2));
        Assert.Equal(Cases - (Cases / 4), runs.Count(r => r.Status == RunStatus.Valid && r.Stored == 1));
    }

    [Fact]
    public async Task Start_TemplateRenamedWhileTheBatchRuns_EveryRunStillUsesThePinnedVersion()
    {
        await using var bed = await BatchTestBed.CreateAsync(chunkDelayMilliseconds: 20);
        await bed.Runner.StartAsync(Ct);
        var started = await bed.Service.StartAsync(BatchTestBed.Request(6) with { Concurrency = 1 }, Ct);
        Assert.True(started.Succeeded, string.Join("; ", started.Problems));
        await using var db = await bed.Runs.Database.Factory.CreateDbContextAsync(Ct);
        var templateId = await db.Templates.Where(t => t.Name == RunTestBed.TemplateName).Select(t => t.Id).SingleAsync(Ct);
        await bed.WaitUntilAsync(started.Value, s => s.Completed >= 1, Ct);

        var renamed = await bed.Runs.Database.CreateTemplateService().UpdateMetadataAsync(templateId, "renamed-mid-batch", null, [], Ct);
        Assert.True(renamed.Succeeded);
        var summary = await bed.WaitForFinalAsync(started.Value, Ct);

        Assert.Equal(BatchStatus.Completed, summary.Status);
        Assert.Equal(6, summary.Valid);
    }
}


using Microsoft.EntityFrameworkCore;
using Workbench.Core.Batches;
using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Batches;

public class BatchCrashSafetyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_BatchLeftRunning_IsInterruptedAndFinishedRunsAreKept()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        // The first "process": the batch is stored and handed to a runner that never runs (as if killed at once);
        // one run finishes through the executor, one is left running.
        var started = await bed.Service.StartAsync(BatchTestBed.Request(4), Ct);
        Assert.True(started.Succeeded);
        var matrix = await bed.Service.GetMatrixAsync(started.Value, Ct);
        await bed.Runs.Executor.ExecuteAsync(matrix!.Cells[0].RunId, new RunRequest(Runs.RunTestBed.TemplateName, new Dictionary<string, string?> { ["city"] = "Oslo" }) { BatchId = started.Value }, Ct);
        Assert.True(await bed.Runs.Store.MarkRunningAsync(matrix.Cells[1].RunId, Ct));
        await bed.Store.MarkRunningAsync(started.Value, Ct);

        // The next start: a new runner over the same database.
        using var restarted = bed.CreateRunner();
        await restarted.StartAsync(Ct);

        var summary = await bed.Service.GetAsync(started.Value, Ct);
        Assert.Equal(BatchStatus.Interrupted, summary!.Status);
        Assert.Equal(BatchRunner.RestartReason, summary.StatusReason);
        Assert.Equal((4, 4, 1, 3), (summary.Total, summary.Completed, summary.Valid, summary.Interrupted));
        var cells = (await bed.Service.GetMatrixAsync(started.Value, Ct))!.Cells;
        Assert.Equal(1, cells[0].Attempts);
        Assert.All(cells.Skip(1), c => Assert.Equal(RunWorker.RestartReason, c.StatusReason));
        await restarted.StopAsync(Ct);
    }

    [Fact]
    public async Task Stop_DuringABatch_ExecutingRunsAndTheRestAreInterruptedNothingIsLost()
    {
        // Slow chunks: a run that is executing when the wait below sees it must still be executing when the stop arrives,
        // even on a busy machine (with 20 ms chunks CI once saw both running runs finish in between).
        await using var bed = await BatchTestBed.CreateAsync(chunkDelayMilliseconds: 150);
        await bed.Runner.StartAsync(Ct);
        var started = await bed.Service.StartAsync(BatchTestBed.Request(12) with { Concurrency = 2 }, Ct);
        await bed.WaitUntilAsync(started.Value, s => s.Completed >= 1 && s.Running > 0, Ct);

        await bed.Runner.StopAsync(Ct);

        var summary = await bed.Service.GetAsync(started.Value, Ct);
        Assert.Equal(BatchStatus.Interrupted, summary!.Status);
        Assert.Equal(12, summary.Completed);
        Assert.Equal(12, summary.Valid + summary.Interrupted);
        Assert.InRange(summary.Valid, 1, 10);
        var cells = (await bed.Service.GetMatrixAsync(started.Value, Ct))!.Cells;
        Assert.Contains(cells, c => c.StatusReason == RunExecutor.ShutdownReason); // was executing
        Assert.Contains(cells, c => c.StatusReason == BatchRunner.QueuedAtShutdownReason); // never started
    }

    [Fact]
    public async Task Stop_BatchWaitingForASlot_IsInterruptedWithItsRuns()
    {
        await using var bed = await BatchTestBed.CreateAsync(chunkDelayMilliseconds: 20, options: new Configuration.WorkbenchOptions { Batches = new Configuration.BatchesOptions { MaxConcurrentBatches = 1 } });
        await bed.Runner.StartAsync(Ct);
        var first = await bed.Service.StartAsync(BatchTestBed.Request(10) with { Concurrency = 1 }, Ct);
        var second = await bed.Service.StartAsync(BatchTestBed.Request(3), Ct);
        await bed.WaitUntilAsync(first.Value, s => s.Running > 0, Ct);

        await bed.Runner.StopAsync(Ct);

        var waiting = await bed.Service.GetAsync(second.Value, Ct);
        Assert.Equal(BatchStatus.Interrupted, waiting!.Status);
        Assert.Equal(3, waiting.Interrupted);
        await using var db = await bed.Runs.Database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Runs.CountAsync(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running, Ct));
    }
}

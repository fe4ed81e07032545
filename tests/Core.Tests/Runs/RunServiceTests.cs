using Microsoft.EntityFrameworkCore;
using Workbench.Core.Configuration;
using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Runs;

public class RunServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_GoodRequest_WorkerExecutesItAndTheResultIsStored()
    {
        await using var bed = await RunTestBed.CreateAsync();
        using var worker = bed.CreateWorker();
        await worker.StartAsync(Ct);

        var submitted = await bed.Service.SubmitAsync(RunTestBed.Request("invalid-json@1"), Ct);

        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Problems));
        var run = await WaitForFinalAsync(bed, submitted.Value);
        Assert.Equal(RunStatus.Repaired, run.Status);
        Assert.Equal(2, run.Attempts.Count);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task Submit_BadRequest_StoresNothingAndNamesTheField()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var submitted = await bed.Service.SubmitAsync(RunTestBed.Request() with { Template = "missing" }, Ct);

        Assert.False(submitted.Succeeded);
        Assert.Equal("template", Assert.Single(submitted.Problems).Field);
        await using var db = await bed.Database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Runs.CountAsync(Ct));
    }

    [Fact]
    public async Task Subscribe_RightAfterSubmit_SeesEveryReportFromTheStartToStored()
    {
        await using var bed = await RunTestBed.CreateAsync(chunkDelayMilliseconds: 2);
        using var worker = bed.CreateWorker();
        await worker.StartAsync(Ct);
        var reports = new List<RunProgress>();
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var submitted = await bed.Service.SubmitAsync(RunTestBed.Request(), Ct);
        using var subscription = bed.Notifier.Subscribe(submitted.Value, r =>
        {
            lock (reports)
            {
                reports.Add(r);
            }

            if (r.Kind == RunProgressKind.Stored)
            {
                stored.TrySetResult();
            }
        });
        var record = await bed.Store.GetAsync(submitted.Value, Ct);
        if (record is { Status: not (RunStatus.Queued or RunStatus.Running) })
        {
            return; // finished before we subscribed: the store has it, which is what a watcher falls back to
        }

        await stored.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        lock (reports)
        {
            Assert.Equal(RunProgressKind.AttemptStarted, reports[0].Kind);
            Assert.Contains(reports, r => r.Kind == RunProgressKind.Text);
            Assert.Equal(RunProgressKind.Stored, reports[^1].Kind);
        }

        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task Cancel_QueuedRun_IsStoredAsCancelledAndNeverExecuted()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var submitted = await bed.Service.SubmitAsync(RunTestBed.Request(), Ct); // no worker running: it stays queued

        Assert.True(await bed.Service.CancelAsync(submitted.Value, Ct));
        using var worker = bed.CreateWorker();
        await worker.StartAsync(Ct);
        await worker.StopAsync(Ct);

        var run = await bed.Store.GetAsync(submitted.Value, Ct);
        Assert.Equal(RunStatus.Cancelled, run!.Status);
        Assert.Empty(run.Attempts);
        Assert.False(await bed.Service.CancelAsync(submitted.Value, Ct));
    }

    [Fact]
    public async Task Cancel_RunningRun_IsStoredAsCancelledWithWhatArrived()
    {
        await using var bed = await RunTestBed.CreateAsync(chunkDelayMilliseconds: 200);
        using var worker = bed.CreateWorker();
        await worker.StartAsync(Ct);
        var firstText = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submitted = await bed.Service.SubmitAsync(RunTestBed.Request(), Ct);
        using var subscription = bed.Notifier.Subscribe(submitted.Value, r =>
        {
            if (r.Kind == RunProgressKind.Text)
            {
                firstText.TrySetResult();
            }
        });
        await firstText.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(await bed.Service.CancelAsync(submitted.Value, Ct));

        var run = await WaitForFinalAsync(bed, submitted.Value);
        Assert.Equal(RunStatus.Cancelled, run.Status);
        var attempt = Assert.Single(run.Attempts);
        Assert.Equal(RunAttemptStatus.Cancelled, attempt.Status);
        Assert.NotEmpty(attempt.Output);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task Submit_QueueFull_IsRefusedWithAMessageNamingTheSetting()
    {
        var options = new WorkbenchOptions { Runs = { QueueCapacity = 1 } };
        await using var bed = await RunTestBed.CreateAsync(options: options);
        Assert.True((await bed.Service.SubmitAsync(RunTestBed.Request(), Ct)).Succeeded);

        var refused = await bed.Service.SubmitAsync(RunTestBed.Request(), Ct);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal("queue", problem.Field);
        Assert.Contains("Workbench:Runs:QueueCapacity", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerStart_UnfinishedRunsFromBefore_AreMarkedInterruptedWithAReason()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var queued = await bed.Store.AddQueuedAsync(RunTestBed.Request(), Ct);
        var running = await bed.Store.AddQueuedAsync(RunTestBed.Request(), Ct);
        await bed.Store.MarkRunningAsync(running, Ct);
        using var worker = bed.CreateWorker();

        await worker.StartAsync(Ct);
        await worker.StopAsync(Ct);

        foreach (var id in new[] { queued, running })
        {
            var run = await bed.Store.GetAsync(id, Ct);
            Assert.Equal(RunStatus.Interrupted, run!.Status);
            Assert.Equal(RunWorker.RestartReason, run.StatusReason);
        }
    }

    [Fact]
    public async Task WorkerStop_RunExecutingAndRunsWaiting_AreAllStoredAsInterrupted()
    {
        var options = new WorkbenchOptions { Runs = { Concurrency = 1 } };
        await using var bed = await RunTestBed.CreateAsync(chunkDelayMilliseconds: 200, options: options);
        using var worker = bed.CreateWorker();
        await worker.StartAsync(Ct);
        var first = await bed.Service.SubmitAsync(RunTestBed.Request(), Ct);
        var second = await bed.Service.SubmitAsync(RunTestBed.Request(), Ct);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = bed.Notifier.Subscribe(first.Value, r =>
        {
            if (r.Kind == RunProgressKind.Text)
            {
                started.TrySetResult();
            }
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await worker.StopAsync(Ct);

        var executing = await bed.Store.GetAsync(first.Value, Ct);
        Assert.Equal(RunStatus.Interrupted, executing!.Status);
        Assert.Equal(RunExecutor.ShutdownReason, executing.StatusReason);
        Assert.NotEmpty(Assert.Single(executing.Attempts).Output);
        var waiting = await bed.Store.GetAsync(second.Value, Ct);
        Assert.Equal(RunStatus.Interrupted, waiting!.Status);
        Assert.Equal(RunWorker.QueuedAtShutdownReason, waiting.StatusReason);
    }

    [Fact]
    public async Task Worker_ManyRuns_AllFinishAndConcurrencyIsBounded()
    {
        var options = new WorkbenchOptions { Runs = { Concurrency = 2 } };
        await using var bed = await RunTestBed.CreateAsync(chunkDelayMilliseconds: 1, options: options);
        using var worker = bed.CreateWorker();
        var maxRunning = 0;
        using var subscription = bed.Notifier.SubscribeToStatusChanges(_ => InterlockedMax(ref maxRunning, bed.Executor.RunningCount));
        await worker.StartAsync(Ct);

        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await bed.Service.SubmitAsync(RunTestBed.Request() with { Simulation = new() { Seed = i } }, Ct)).Value);
        }

        foreach (var id in ids)
        {
            Assert.Equal(RunStatus.Valid, (await WaitForFinalAsync(bed, id)).Status);
        }

        Assert.InRange(maxRunning, 1, 2);
        await worker.StopAsync(Ct);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    internal static async Task<RunRecord> WaitForFinalAsync(RunTestBed bed, Guid id)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await bed.Store.GetAsync(id, timeout.Token);
            if (run is { Status: not (RunStatus.Queued or RunStatus.Running) })
            {
                return run;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}

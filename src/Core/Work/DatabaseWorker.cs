using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.Providers;
using Workbench.Core.Runs;

namespace Workbench.Core.Work;

/// <summary>
/// A node's worker on PostgreSQL (ADR-022). It claims work from the <c>WorkItems</c> table with a lease
/// (<c>Workbench:Runs:LeaseSeconds</c>), <c>Workbench:Runs:Concurrency</c> single runs and
/// <c>Workbench:Batches:MaxConcurrentBatches</c> batches at a time (each batch's concurrency and each provider's
/// <c>MaxConcurrency</c> hold across nodes), executes each claimed run through <see cref="RunExecutor"/> with the
/// unsealed submitted values, and stores the result only while it still holds the lease (the queue row is deleted in
/// the same transaction). A heartbeat renews the leases every <c>Workbench:Runs:HeartbeatSeconds</c> and picks up
/// cancel requests; a run whose lease was taken over is stopped and its result dropped. Whoever stores a batch's last
/// run finishes the batch. At start-up nothing is interrupted: work whose lease expired (a node died) is simply
/// claimed again. A graceful stop hands executing runs back (lease released, run queued again) for another node.
/// </summary>
public sealed partial class DatabaseWorker(
    WorkItemStore items,
    RunStore runStore,
    RunExecutor executor,
    WorkPayloadSealer sealer,
    ClusterSignals signals,
    WorkNode node,
    IOptions<WorkbenchOptions> options,
    IOptionsMonitor<ProvidersOptions> providers,
    TimeProvider time,
    ILogger<DatabaseWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Local> _local = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentDictionary<Task, byte> _executing = new();

    /// <summary>Runs this node executes now.</summary>
    public int ExecutingCount => _local.Count;

    public string NodeId => node.Id;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        signals.OnWork(Wake);
        signals.OnCancel(CancelLocal);
        var ended = await items.SweepAsync(cancellationToken);
        if (ended > 0)
        {
            LogSwept(logger, ended);
        }

        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>Signals runs executing here: a run by id, or every run of a batch.</summary>
    internal void CancelLocal(string kind, Guid id)
    {
        foreach (var local in _local.Values.Where(l => kind == "batch" ? l.Work.BatchId == id : l.Work.RunId == id))
        {
            local.Cancel();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var heartbeat = Task.Run(() => HeartbeatAsync(stoppingToken), CancellationToken.None);
        var runs = options.Value.Runs;
        var poll = TimeSpan.FromMilliseconds(runs.PollMilliseconds);
        var sweepEvery = TimeSpan.FromSeconds(runs.LeaseSeconds);
        var lastSweep = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimedAny = false;
            try
            {
                if (time.GetElapsedTime(lastSweep) >= sweepEvery)
                {
                    lastSweep = time.GetTimestamp();
                    await items.SweepAsync(stoppingToken);
                }

                var claimed = await items.ClaimAsync(node.Id, Limits(), runs.LeaseSeconds, stoppingToken);
                foreach (var work in claimed)
                {
                    var local = new Local(work);
                    _local[work.RunId] = local;
                    var task = Task.Run(() => ExecuteOneAsync(local, stoppingToken), CancellationToken.None);
                    _executing[task] = 0;
                    _ = task.ContinueWith(t => _executing.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                claimedAny = claimed.Count > 0;
                if (claimedAny)
                {
                    await signals.RunChangedAsync(claimed.Select(c => (c.RunId, RunStatus.Running, c.BatchId)), stoppingToken);
                    foreach (var batch in claimed.Where(c => c.BatchId is not null).Select(c => c.BatchId!.Value).Distinct())
                    {
                        signals.ScheduleBatchRefresh(batch);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // the database may be away for a moment: log and try again on the next poll
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogClaimFailed(logger, ex.GetType().Name);
            }

            if (claimedAny)
            {
                continue; // there may be more for the slots still free
            }

            try
            {
                await _wake.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_executing.Keys);
        await heartbeat;
    }

    private WorkClaimLimits Limits()
    {
        var singles = 0;
        var batchRuns = 0;
        var batches = new HashSet<Guid>();
        foreach (var local in _local.Values)
        {
            if (local.Work.BatchId is { } batch)
            {
                batchRuns++;
                batches.Add(batch);
            }
            else
            {
                singles++;
            }
        }

        var limits = options.Value;
        var providerLimits = providers.CurrentValue.Providers
            .Where(p => p.Value.MaxConcurrency is not null)
            .ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value.MaxConcurrency!.Value, StringComparer.Ordinal);
        return new WorkClaimLimits(
            Math.Max(0, limits.Runs.Concurrency - singles),
            Math.Max(0, (limits.Batches.MaxConcurrentBatches * BatchRequest.MaxConcurrency) - batchRuns),
            batches,
            limits.Batches.MaxConcurrentBatches,
            providerLimits);
    }

    private async Task ExecuteOneAsync(Local local, CancellationToken stoppingToken)
    {
        var work = local.Work;
        try
        {
            var unsealed = sealer.TryUnseal(work.Payload);
            if (unsealed is not { } submitted)
            {
                LogUnreadable(logger, work.RunId);
                if (await items.DiscardAsync(work.RunId, work.Token, RunStatus.Interrupted, WorkItemStore.UnreadablePayloadReason, CancellationToken.None))
                {
                    await AnnounceStoredAsync(work, RunStatus.Interrupted);
                }

                return;
            }

            var attempted = false;
            var request = submitted.Request with { BatchId = work.BatchId };
            Func<RunResult, RunResult>? complete = work.BatchId is null ? null : r => r with { Expectation = ExpectationEvaluator.Evaluate(submitted.Expect, r) };
            var result = await executor.ExecuteAsync(work.RunId, request, complete, async r =>
            {
                attempted = true;
                if (stoppingToken.IsCancellationRequested && r.Status == RunStatus.Interrupted)
                {
                    await items.ReleaseAsync(work.RunId, work.Token, CancellationToken.None); // another node runs it again
                    return false;
                }

                if (local.Lost)
                {
                    return false;
                }

                var stored = await runStore.SaveResultIfAsync(work.RunId, r, (db, ct) => WorkItemStore.TakeAsync(db, work.RunId, work.Token, ct), CancellationToken.None);
                if (!stored)
                {
                    LogLeaseLost(logger, work.RunId);
                }

                return stored;
            }, stoppingToken, local.Token);

            if (result is not null)
            {
                await AnnounceStoredAsync(work, result.Status);
            }
            else if (!attempted)
            {
                await items.DropAsync(work.RunId, work.Token, CancellationToken.None); // cancelled before it started
            }
        }
#pragma warning disable CA1031 // one run's failure must not stop the worker; the lease lapses and another claim retries it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, ex.GetType().Name, work.RunId);
        }
        finally
        {
            _local.TryRemove(work.RunId, out _);
            local.Dispose();
            Wake();
        }
    }

    private async Task AnnounceStoredAsync(ClaimedWork work, RunStatus status)
    {
        await signals.RunChangedAsync([(work.RunId, status, work.BatchId)], CancellationToken.None);
        if (work.BatchId is { } batchId && await items.FinishBatchIfDoneAsync(batchId, CancellationToken.None))
        {
            LogBatchFinished(logger, batchId);
            await signals.BatchChangedAsync(batchId, CancellationToken.None);
        }
    }

    private async Task HeartbeatAsync(CancellationToken stoppingToken)
    {
        var runs = options.Value.Runs;
        var every = TimeSpan.FromSeconds(runs.HeartbeatSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stoppingToken);
                var held = _local.Values.ToList();
                var renewed = await items.RenewAsync([.. held.Select(h => h.Work.Token)], runs.LeaseSeconds, stoppingToken);
                foreach (var local in held)
                {
                    if (!renewed.TryGetValue(local.Work.Token, out var cancelRequested))
                    {
                        local.Lose(); // taken over by another node (or finished meanwhile: then nothing is executing)
                    }
                    else if (cancelRequested)
                    {
                        local.Cancel();
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a missed heartbeat is retried on the next one; the lease outlives several
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogHeartbeatFailed(logger, ex.GetType().Name);
            }
        }
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
        catch (ObjectDisposedException)
        {
            // stopped
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} runs left without a queue entry were ended at start-up")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming work failed ({ExceptionType}); retrying")]
    private static partial void LogClaimFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing leases failed ({ExceptionType}); retrying")]
    private static partial void LogHeartbeatFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: its sealed inputs could not be opened; stored as interrupted")]
    private static partial void LogUnreadable(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the lease was taken over by another node; this node's result was dropped")]
    private static partial void LogLeaseLost(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} could not be executed ({ExceptionType}); its lease will lapse and another claim retries it")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} finished on this node")]
    private static partial void LogBatchFinished(ILogger logger, Guid batchId);

    /// <summary>A run executing here: its claim and the signal that stops it (cancel requested, or lease lost).</summary>
    private sealed class Local(ClaimedWork work) : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();
        private volatile bool _lost;

        public ClaimedWork Work { get; } = work;

        public CancellationToken Token => _cancellation.Token;

        public bool Lost => _lost;

        public void Cancel()
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // finished meanwhile
            }
        }

        public void Lose()
        {
            _lost = true;
            Cancel();
        }

        public void Dispose() => _cancellation.Dispose();
    }
}

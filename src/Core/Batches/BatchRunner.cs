using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Runs;

namespace Workbench.Core.Batches;

/// <summary>
/// The background service that executes batches, off any circuit or request: a bounded channel of batches,
/// <c>Workbench:Batches:MaxConcurrentBatches</c> at a time, each with its own bounded concurrency
/// (<see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>).
/// Every run goes through <see cref="RunExecutor"/> with its submitted values and is stored the moment it ends, with its
/// expectation checked on the unredacted result. At start-up, before any work, batches a previous process left unfinished
/// are marked interrupted with their unfinished runs; at shutdown, executing runs are stored as interrupted and the rest
/// of each batch is marked interrupted: no run is silently lost.
/// </summary>
public sealed partial class BatchRunner(
    BatchStore store,
    RunExecutor executor,
    BatchNotifier notifier,
    IOptions<WorkbenchOptions> options,
    TimeProvider time,
    ILogger<BatchRunner> logger) : BackgroundService
{
    public const string RestartReason = "The app stopped before this batch finished. Runs that had finished are kept; the others are marked interrupted.";

    public const string ShutdownReason = "The app was shut down while this batch was running.";

    public const string QueuedAtShutdownReason = "The app stopped before this run of a batch started. Run the batch again.";

    private readonly Channel<BatchWork> _channel = Channel.CreateBounded<BatchWork>(new BoundedChannelOptions(options.Value.Batches.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ConcurrentDictionary<Guid, BatchWork> _active = new();

    /// <summary>Batches waiting or executing on this node.</summary>
    public int ActiveCount => _active.Count;

    /// <summary>Batches that may wait (<c>Workbench:Batches:QueueCapacity</c>).</summary>
    public int QueueCapacity => options.Value.Batches.QueueCapacity;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Runs left queued or running are interrupted by the RunWorker too; doing it here for the batches' runs as well
        // means no batch work starts before its predecessor's leftovers are marked, whatever the start-up order.
        var interrupted = await store.InterruptUnfinishedAsync(RestartReason, RunWorker.RestartReason, cancellationToken);
        if (interrupted > 0)
        {
            LogInterruptedAtStart(logger, interrupted);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        while (_channel.Reader.TryRead(out var waiting))
        {
            await InterruptAsync(waiting, QueuedAtShutdownReason);
        }
    }

    /// <summary>Hands a stored batch to the runner; false when <c>Workbench:Batches:QueueCapacity</c> batches are already waiting.</summary>
    internal bool TryEnqueue(BatchWork work)
    {
        if (!_active.TryAdd(work.Id, work))
        {
            return false;
        }

        if (_channel.Writer.TryWrite(work))
        {
            return true;
        }

        _active.TryRemove(work.Id, out _);
        return false;
    }

    /// <summary>Signals a batch waiting or executing here to stop taking runs and to cancel its executing ones.</summary>
    internal bool TryCancel(Guid id)
    {
        if (!_active.TryGetValue(id, out var work))
        {
            return false;
        }

        try
        {
            work.Cancellation.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(options.Value.Batches.MaxConcurrentBatches);
        var executing = new ConcurrentDictionary<Task, byte>();
        try
        {
            while (true)
            {
                // Take a slot first, then a batch: a batch is only taken out of the channel when it can start, so at
                // shutdown every batch still waiting is in the channel for StopAsync to mark interrupted.
                await slots.WaitAsync(stoppingToken);
                if (!await _channel.Reader.WaitToReadAsync(stoppingToken))
                {
                    break;
                }

                if (!_channel.Reader.TryRead(out var work))
                {
                    slots.Release();
                    continue;
                }

                var task = Task.Run(
                    async () =>
                    {
                        try
                        {
                            await RunBatchAsync(work, stoppingToken);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    },
                    CancellationToken.None);
                executing[task] = 0;
                _ = task.ContinueWith(t => executing.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: executing batches interrupt themselves, StopAsync marks the waiting ones
        }

        await Task.WhenAll(executing.Keys);
    }

    private async Task RunBatchAsync(BatchWork work, CancellationToken stoppingToken)
    {
        var cancel = work.Cancellation.Token;
        var counts = new Counts(work.Items.Count);
        var start = time.GetTimestamp();
        try
        {
            if (cancel.IsCancellationRequested)
            {
                await FinishAsync(work, BatchStatus.Cancelled, counts, start);
                return;
            }

            await store.MarkRunningAsync(work.Id, stoppingToken);
            LogStarted(logger, work.Id, work.Items.Count, work.Concurrency);
            notifier.Publish(counts.Progress(work.Id, BatchStatus.Running, time.GetElapsedTime(start)));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, cancel);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = work.Concurrency, CancellationToken = linked.Token };
            try
            {
                await Parallel.ForEachAsync(work.Items, parallel, async (item, _) =>
                {
                    var result = await executor.ExecuteAsync(
                        item.RunId,
                        item.Request,
                        r => r with { Expectation = ExpectationEvaluator.Evaluate(item.Expect, r) },
                        stoppingToken,
                        cancel);
                    if (result is not null)
                    {
                        counts.Add(result);
                        notifier.Publish(counts.Progress(work.Id, BatchStatus.Running, time.GetElapsedTime(start)));
                    }
                });
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                // cancelled or shutting down: handled below
            }

            if (stoppingToken.IsCancellationRequested)
            {
                await InterruptAsync(work, QueuedAtShutdownReason);
                return;
            }

            await FinishAsync(work, cancel.IsCancellationRequested ? BatchStatus.Cancelled : BatchStatus.Completed, counts, start);
        }
#pragma warning disable CA1031 // a broken batch must not stop the runner; it is marked interrupted with a reference
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var reference = Guid.NewGuid().ToString("N")[..12];
            LogUnexpected(logger, ex, work.Id, reference);
            var reason = $"An unexpected error stopped this batch (reference {reference}).";
            await InterruptAsync(work, reason, reason);
        }
        finally
        {
            _active.TryRemove(work.Id, out _);
            work.Dispose();
        }
    }

    private async Task FinishAsync(BatchWork work, BatchStatus status, Counts counts, long start)
    {
        if (status == BatchStatus.Cancelled)
        {
            await store.CancelQueuedRunsAsync(work.Id, CancellationToken.None);
        }

        await store.FinishAsync(work.Id, status, status == BatchStatus.Cancelled ? "Cancelled." : null, CancellationToken.None);
        LogFinished(logger, work.Id, status);
        var summary = await store.GetAsync(work.Id, CancellationToken.None);
        notifier.Publish(summary is null
            ? counts.Progress(work.Id, status, time.GetElapsedTime(start))
            : new BatchProgress(work.Id, status, summary.Total, summary.Completed, summary.Valid, summary.Repaired, summary.Invalid, summary.Failed, summary.Cancelled, summary.Interrupted, summary.Passed, time.GetElapsedTime(start)));
    }

    private async Task InterruptAsync(BatchWork work, string runReason, string batchReason = ShutdownReason)
    {
        try
        {
            await store.InterruptQueuedRunsAsync(work.Id, runReason, CancellationToken.None);
            await store.FinishAsync(work.Id, BatchStatus.Interrupted, batchReason, CancellationToken.None);
            var summary = await store.GetAsync(work.Id, CancellationToken.None);
            if (summary is not null)
            {
                notifier.Publish(new BatchProgress(work.Id, BatchStatus.Interrupted, summary.Total, summary.Completed, summary.Valid, summary.Repaired, summary.Invalid, summary.Failed, summary.Cancelled, summary.Interrupted, summary.Passed, TimeSpan.Zero));
            }
        }
        finally
        {
            _active.TryRemove(work.Id, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} batches left unfinished by the previous process were marked interrupted")]
    private static partial void LogInterruptedAtStart(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} started: {Runs} runs, {Concurrency} at a time")]
    private static partial void LogStarted(ILogger logger, Guid batchId, int runs, int concurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} finished as {Status}")]
    private static partial void LogFinished(ILogger logger, Guid batchId, BatchStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {BatchId} failed unexpectedly (reference {Reference})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, Guid batchId, string reference);

    /// <summary>Counts of one executing batch, updated as runs finish (the final report is read from the store).</summary>
    private sealed class Counts(int total)
    {
        private readonly Lock _gate = new();
        private int _completed;
        private int _valid;
        private int _repaired;
        private int _invalid;
        private int _failed;
        private int _cancelled;
        private int _interrupted;
        private int _passed;

        public void Add(RunResult result)
        {
            lock (_gate)
            {
                _completed++;
                switch (result.Status)
                {
                    case RunStatus.Valid: _valid++; break;
                    case RunStatus.Repaired: _repaired++; break;
                    case RunStatus.Invalid: _invalid++; break;
                    case RunStatus.Failed: _failed++; break;
                    case RunStatus.Cancelled: _cancelled++; break;
                    case RunStatus.Interrupted: _interrupted++; break;
                }

                _passed += result.Expectation?.Passed == true ? 1 : 0;
            }
        }

        public BatchProgress Progress(Guid id, BatchStatus status, TimeSpan elapsed)
        {
            lock (_gate)
            {
                return new BatchProgress(id, status, total, _completed, _valid, _repaired, _invalid, _failed, _cancelled, _interrupted, _passed, elapsed);
            }
        }
    }
}

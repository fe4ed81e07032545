using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;

namespace Workbench.Core.Work;

/// <summary>
/// Progress across nodes on PostgreSQL (ADR-022): <c>LISTEN/NOTIFY</c> on the <see cref="Channel"/> channel. Payloads
/// carry ids, a status name and a node id, never content. A node relays what other nodes report to its own
/// <see cref="RunNotifier"/> (status changes; the final <see cref="RunProgressKind.Stored"/> to watchers, who read the
/// store) and refreshes the <see cref="BatchNotifier"/> of watched batches from the store (coalesced, at most every
/// <see cref="BatchRefreshInterval"/>; on PostgreSQL no node holds a batch's counts in memory). "Work" notices wake the
/// <see cref="DatabaseWorker"/>; cancel notices stop runs executing here at once (the heartbeat is the fallback). The
/// listening connection reconnects after a failure; the worker's poll and a refresh of every watched batch cover what
/// was missed meanwhile.
/// </summary>
public sealed partial class ClusterSignals(
    DatabaseSettings settings,
    WorkNode node,
    RunNotifier runs,
    BatchNotifier batches,
    BatchStore batchStore,
    IOptions<WorkbenchOptions> options,
    TimeProvider time,
    ILogger<ClusterSignals> logger) : BackgroundService
{
    public const string Channel = "workbench_work";

    public static readonly TimeSpan BatchRefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<Guid, byte> _pendingBatches = new();
    private readonly List<Action<string, Guid>> _cancelHandlers = [];
    private readonly Lock _gate = new();
    private Action? _wake;

    /// <summary>Called when new or released work may be claimable (set by the worker).</summary>
    internal void OnWork(Action wake) => _wake = wake;

    /// <summary>Called with ("run"|"batch", id) when a cancel is requested anywhere.</summary>
    internal void OnCancel(Action<string, Guid> handler)
    {
        lock (_gate)
        {
            _cancelHandlers.Add(handler);
        }
    }

    public Task WorkAddedAsync(CancellationToken cancellationToken) => NotifyAsync(["w"], cancellationToken);

    public Task RunChangedAsync(IEnumerable<(Guid RunId, RunStatus Status, Guid? BatchId)> changes, CancellationToken cancellationToken) =>
        NotifyAsync([.. changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"r|{c.RunId:N}|{c.Status}|{c.BatchId:N}|{node.Id}"))], cancellationToken);

    public Task BatchChangedAsync(Guid batchId, CancellationToken cancellationToken) => NotifyAsync([$"b|{batchId:N}"], cancellationToken);

    public Task CancelRequestedAsync(string kind, Guid id, CancellationToken cancellationToken) => NotifyAsync([$"c|{kind}|{id:N}"], cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.IsSqlite)
        {
            return;
        }

        var pause = TimeSpan.FromMilliseconds(options.Value.Runs.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(settings.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Handle(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever happened while not listening: wake the worker and refresh watched batches.
                _wake?.Invoke();
                foreach (var batchId in batches.WatchedBatches())
                {
                    ScheduleBatchRefresh(batchId);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a lost connection must not stop the node: reconnect after a pause
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogListenFailed(logger, ex.GetType().Name);
                try
                {
                    await Task.Delay(pause, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Handle(string payload)
    {
        var parts = payload.Split('|');
        switch (parts[0])
        {
            case "w":
                _wake?.Invoke();
                break;
            case "b" when parts.Length > 1 && Guid.TryParse(parts[1], out var batchId):
                ScheduleBatchRefresh(batchId);
                break;
            case "c" when parts.Length > 2 && Guid.TryParse(parts[2], out var cancelId):
                Action<string, Guid>[] handlers;
                lock (_gate)
                {
                    handlers = [.. _cancelHandlers];
                }

                foreach (var handler in handlers)
                {
                    handler(parts[1], cancelId);
                }

                break;
            case "r" when parts.Length > 4 && Guid.TryParse(parts[1], out var runId) && Enum.TryParse<RunStatus>(parts[2], out var status):
                Guid? batch = Guid.TryParse(parts[3], out var b) ? b : null;
                if (parts[4] != node.Id)
                {
                    runs.PublishStatus(new RunStatusChange(runId, status) { BatchId = batch });
                    if (status is not (RunStatus.Queued or RunStatus.Running))
                    {
                        runs.RelayRemote(runId, new RunProgress(RunProgressKind.Stored, 0));
                    }
                }

                if (status is not (RunStatus.Queued or RunStatus.Running))
                {
                    _wake?.Invoke(); // a slot of a batch or a provider may have come free
                }

                if (batch is { } changed)
                {
                    ScheduleBatchRefresh(changed);
                }

                break;
        }
    }

    /// <summary>Reads a watched batch's counts from the store and publishes them, at most every <see cref="BatchRefreshInterval"/>.</summary>
    internal void ScheduleBatchRefresh(Guid batchId)
    {
        if (!batches.IsWatched(batchId) || !_pendingBatches.TryAdd(batchId, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(BatchRefreshInterval, time);
                _pendingBatches.TryRemove(batchId, out _);
                var summary = await batchStore.GetAsync(batchId, CancellationToken.None);
                if (summary is not null)
                {
                    var elapsed = summary.StartedAtUtc is { } started ? (summary.FinishedAtUtc ?? time.GetUtcNow().UtcDateTime) - started : TimeSpan.Zero;
                    batches.Publish(new BatchProgress(summary.Id, summary.Status, summary.Total, summary.Completed, summary.Valid, summary.Repaired,
                        summary.Invalid, summary.Failed, summary.Cancelled, summary.Interrupted, summary.Passed, elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed));
                }
            }
#pragma warning disable CA1031 // a failed refresh only delays a progress bar; the next notice refreshes again
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _pendingBatches.TryRemove(batchId, out _);
                LogRefreshFailed(logger, ex.GetType().Name);
            }
        });
    }

    private async Task NotifyAsync(string[] payloads, CancellationToken cancellationToken)
    {
        if (payloads.Length == 0 || settings.IsSqlite)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', p) FROM unnest(@payloads) AS p", connection);
            notify.Parameters.AddWithValue("payloads", payloads);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // Notices speed things up; polls and heartbeats make up for a lost one.
            LogNotifyFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for work notifications failed ({ExceptionType}); reconnecting")]
    private static partial void LogListenFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A work notification could not be sent ({ExceptionType})")]
    private static partial void LogNotifyFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch's progress could not be read ({ExceptionType})")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);
}

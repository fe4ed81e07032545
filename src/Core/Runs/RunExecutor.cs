using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workbench.Core.Runs;

/// <summary>
/// Executes one stored, queued run to its end: marks it running, runs the <see cref="RunEngine"/> with live progress
/// to the <see cref="RunNotifier"/>, stores the result (through the redaction boundary) and announces the final
/// status. Used by the <see cref="RunWorker"/> for single runs and by batches. Never throws for a run's failure:
/// an unexpected error is stored as a failed run with a reference, and the caller goes on with the next run.
/// </summary>
public sealed partial class RunExecutor(RunEngine engine, RunStore store, RunNotifier notifier, TimeProvider time, ILogger<RunExecutor> logger)
{
    public const string ShutdownReason = "The app stopped while this run was executing.";

    /// <summary>Why a run cancelled after it was marked running, but before its first attempt went out, has no attempts.</summary>
    public const string CancelledBeforeFirstAttemptReason = "Cancelled before the first attempt was sent.";

    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    /// <summary>Runs executing on this node right now.</summary>
    public int RunningCount => _running.Count;

    /// <summary>
    /// Executes run <paramref name="id"/> with <paramref name="request"/> (the submitted, unredacted values).
    /// <paramref name="stoppingToken"/> is the app's shutdown: a run stopped by it is stored as interrupted, while
    /// <see cref="TryCancel"/> stores it as cancelled. Returns the final status, or null when the run was no longer
    /// queued (cancelled before it started).
    /// </summary>
    public async Task<RunStatus?> ExecuteAsync(Guid id, RunRequest request, CancellationToken stoppingToken) =>
        (await ExecuteAsync(id, request, null, stoppingToken, CancellationToken.None))?.Status;

    /// <summary>
    /// As <see cref="ExecuteAsync(Guid, RunRequest, CancellationToken)"/>, for batches: <paramref name="complete"/> may
    /// add to the result before it is stored (the expectation, checked on the unredacted result), and
    /// <paramref name="cancellationToken"/> cancels the run (stored as cancelled, like <see cref="TryCancel"/>).
    /// Returns the stored result, or null when the run was no longer queued.
    /// </summary>
    public Task<RunResult?> ExecuteAsync(Guid id, RunRequest request, Func<RunResult, RunResult>? complete, CancellationToken stoppingToken, CancellationToken cancellationToken) =>
        ExecuteAsync(id, request, complete, null, stoppingToken, cancellationToken);

    /// <summary>
    /// As above, with <paramref name="save"/> replacing the store's plain write (the work queue on PostgreSQL stores the
    /// result only while it still holds the run's lease, ADR-022). When <paramref name="save"/> returns false nothing was
    /// stored here: no status is announced and null is returned.
    /// </summary>
    internal async Task<RunResult?> ExecuteAsync(Guid id, RunRequest request, Func<RunResult, RunResult>? complete, Func<RunResult, Task<bool>>? save, CancellationToken stoppingToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested || !await store.MarkRunningAsync(id, stoppingToken))
        {
            return null;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, cancellationToken);
        _running[id] = cancellation;
        var progress = notifier.Begin(id);
        notifier.PublishStatus(new RunStatusChange(id, RunStatus.Running) { BatchId = request.BatchId });
        var status = RunStatus.Failed;
        var stored = true;
        try
        {
            var startedAt = time.GetUtcNow().UtcDateTime;
            RunResult result;
            try
            {
                result = await engine.ExecuteAsync(request, progress, cancellation.Token);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                result = Unfinished(request, RunStatus.Cancelled, startedAt, null) with { StatusReason = CancelledBeforeFirstAttemptReason };
            }
#pragma warning disable CA1031 // one run's unexpected failure must not stop the worker or other runs
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var reference = Guid.NewGuid().ToString("N")[..12];
                LogUnexpected(logger, ex, id, reference);
                result = Unfinished(request, RunStatus.Failed, startedAt, $"An unexpected error stopped this run (reference {reference}).");
            }

            if (result.Status == RunStatus.Cancelled && stoppingToken.IsCancellationRequested)
            {
                result = result with { Status = RunStatus.Interrupted, StatusReason = ShutdownReason };
            }

            if (complete is not null)
            {
                result = complete(result);
            }

            if (save is null)
            {
                await store.SaveResultAsync(id, result, CancellationToken.None);
            }
            else if (!await save(result))
            {
                stored = false;
                return null;
            }

            status = result.Status;
            progress.Report(new RunProgress(RunProgressKind.Stored, result.Attempts.Count) { Result = result });
            return result;
        }
        finally
        {
            _running.TryRemove(id, out _);
            if (stored)
            {
                notifier.End(id, status, request.BatchId);
            }
            else
            {
                notifier.Abandon(id);
            }
        }
    }

    /// <summary>Signals a run executing on this node to stop; false when it is not executing here.</summary>
    public bool TryCancel(Guid id)
    {
        if (!_running.TryGetValue(id, out var cancellation))
        {
            return false;
        }

        try
        {
            cancellation.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false; // it finished in the meantime
        }
    }

    private RunResult Unfinished(RunRequest request, RunStatus status, DateTime startedAt, string? error) => new(
        status, null, request.Template.Trim(), request.Version, request.Provider, request.Model, null, null, null, null,
        [], error is null ? [] : [error], startedAt, time.GetUtcNow().UtcDateTime);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed unexpectedly (reference {Reference})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, Guid runId, string reference);
}

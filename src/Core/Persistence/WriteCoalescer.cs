using System.Collections.Concurrent;

namespace Workbench.Core.Persistence;

/// <summary>
/// Group commit for small, frequent writes (ADR-025): callers that arrive while a write is in progress are stored
/// together by the next one, in one transaction, instead of each taking the database's write lock in turn. SQLite has
/// one writer at a time, and every commit costs a lock hand-over and a log append, so a batch's eight concurrent runs
/// finishing together become one commit instead of eight. There is no background task: whoever holds the gate writes
/// everything queued (up to <see cref="MaxBatch"/> at a time) and completes the other callers' tasks.
/// </summary>
/// <remarks>
/// When a combined write fails it is retried one item at a time, so one bad item (a run that no longer exists, a
/// constraint) fails only its own caller. Waiting for the gate cannot be cancelled: an item that is queued will be
/// written, so a caller never sees "cancelled" for a write that a moment later happened anyway.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The gate's wait handle is never created (no AvailableWaitHandle): there is nothing to dispose; a coalescer lives as long as its store.")]
internal sealed class WriteCoalescer<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write)
{
    /// <summary>At most this many items go into one transaction (keeps a transaction, and the write lock, short).</summary>
    public const int MaxBatch = 64;

    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Queues <paramref name="item"/> and returns once it is written (by this caller or another).</summary>
    public async Task<TResult> WriteAsync(TItem item, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(item);
        _queue.Enqueue(pending);
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            while (!pending.Completion.Task.IsCompleted)
            {
                await WriteQueuedAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        return await pending.Completion.Task.ConfigureAwait(false);
    }

    private async Task WriteQueuedAsync()
    {
        var batch = new List<Pending>(Math.Min(_queue.Count, MaxBatch));
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        try
        {
            var results = await write([.. batch.Select(p => p.Item)]).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
#pragma warning disable CA1031 // the failure is handed to the callers, one by one
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                await WriteAloneAsync(pending).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            batch[0].Completion.TrySetException(ex);
        }
#pragma warning restore CA1031
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            var results = await write([pending.Item]).ConfigureAwait(false);
            pending.Completion.TrySetResult(results[0]);
        }
#pragma warning disable CA1031 // handed to the caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            pending.Completion.TrySetException(ex);
        }
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

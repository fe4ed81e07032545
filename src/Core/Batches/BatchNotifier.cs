namespace Workbench.Core.Batches;

/// <summary>
/// Live progress of batches, for a progress bar and an ETA. A subscriber to a batch first receives its latest report
/// (when the batch is executing here), then each new one, until the final report; after that read
/// <see cref="BatchService.GetAsync"/>. Handlers run on the runner's threads and must not block (Blazor components hop
/// with <c>InvokeAsync</c>); a throwing handler is removed and never disturbs the batch.
/// </summary>
public sealed class BatchNotifier
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, BatchProgress> _latest = [];
    private readonly Dictionary<Guid, List<Action<BatchProgress>>> _handlers = [];
    private readonly List<Action<BatchProgress>> _all = [];

    /// <summary>Reports of batch <paramref name="batchId"/>: the latest one now (if it is executing), then each new one.</summary>
    public IDisposable Subscribe(Guid batchId, Action<BatchProgress> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        BatchProgress? latest;
        lock (_gate)
        {
            if (!_handlers.TryGetValue(batchId, out var list))
            {
                _handlers[batchId] = list = [];
            }

            list.Add(handler);
            _latest.TryGetValue(batchId, out latest);
        }

        if (latest is not null && !Deliver(handler, latest))
        {
            Remove(batchId, handler);
        }

        return new Subscription(() => Remove(batchId, handler));
    }

    /// <summary>Reports of every batch (for lists of batches).</summary>
    public IDisposable SubscribeToAll(Action<BatchProgress> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _all.Add(handler);
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                _all.Remove(handler);
            }
        });
    }

    /// <summary>The latest report of a batch executing on this node, or null.</summary>
    public BatchProgress? Latest(Guid batchId)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault(batchId);
        }
    }

    /// <summary>True when someone on this node watches batch <paramref name="batchId"/> or every batch.</summary>
    internal bool IsWatched(Guid batchId)
    {
        lock (_gate)
        {
            return _all.Count > 0 || _handlers.ContainsKey(batchId);
        }
    }

    /// <summary>The batches someone on this node watches by id.</summary>
    internal IReadOnlyList<Guid> WatchedBatches()
    {
        lock (_gate)
        {
            return [.. _handlers.Keys];
        }
    }

    internal void Publish(BatchProgress progress)
    {
        Action<BatchProgress>[] handlers;
        lock (_gate)
        {
            if (progress.IsFinal)
            {
                _latest.Remove(progress.BatchId);
            }
            else
            {
                _latest[progress.BatchId] = progress;
            }

            handlers = [.. _handlers.GetValueOrDefault(progress.BatchId) ?? [], .. _all];
        }

        foreach (var handler in handlers)
        {
            if (!Deliver(handler, progress))
            {
                Remove(progress.BatchId, handler);
                lock (_gate)
                {
                    _all.Remove(handler);
                }
            }
        }
    }

    private void Remove(Guid batchId, Action<BatchProgress> handler)
    {
        lock (_gate)
        {
            if (_handlers.TryGetValue(batchId, out var list))
            {
                list.Remove(handler);
                if (list.Count == 0)
                {
                    _handlers.Remove(batchId);
                }
            }
        }
    }

    private static bool Deliver(Action<BatchProgress> handler, BatchProgress progress)
    {
        try
        {
            handler(progress);
            return true;
        }
#pragma warning disable CA1031 // a subscriber's failure must never reach the runner
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

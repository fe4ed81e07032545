namespace Workbench.Core.Runs;

/// <summary>
/// Live progress of runs executing in the background, for the people watching them (the run panel, the API's
/// long-poll later). A subscriber to an active run first receives everything reported so far, then each new report,
/// so subscribing just after submitting loses nothing. Once a run completes its buffer is dropped: read the stored,
/// redacted run instead. Handlers are called on the worker's thread and must not block (Blazor components hop with
/// <c>InvokeAsync</c>); a throwing handler is removed, it never disturbs the run or other subscribers.
/// </summary>
public sealed class RunNotifier
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ActiveRun> _active = [];
    private readonly List<Action<RunStatusChange>> _statusHandlers = [];

    /// <summary>
    /// Receives every report of run <paramref name="runId"/> until disposed: those made so far when it is executing,
    /// then each new one. Subscribing before the worker picks the run up is fine (the subscription waits for it); for a
    /// run that has already ended nothing arrives, so read the store after subscribing.
    /// </summary>
    public IDisposable Subscribe(Guid runId, Action<RunProgress> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        RunProgress[] replay;
        lock (_gate)
        {
            if (!_active.TryGetValue(runId, out var run))
            {
                run = new ActiveRun();
                _active[runId] = run;
            }

            run.Handlers.Add(handler);
            replay = [.. run.Reports];
        }

        foreach (var report in replay)
        {
            if (!Deliver(handler, report))
            {
                Remove(runId, handler);
                break;
            }
        }

        return new Subscription(() => Remove(runId, handler));
    }

    /// <summary>Receives a notice whenever any run changes status (queued, running, final), e.g. for lists and batches.</summary>
    public IDisposable SubscribeToStatusChanges(Action<RunStatusChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _statusHandlers.Add(handler);
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                _statusHandlers.Remove(handler);
            }
        });
    }

    /// <summary>True while run <paramref name="runId"/> is executing on this node.</summary>
    public bool IsActive(Guid runId)
    {
        lock (_gate)
        {
            return _active.TryGetValue(runId, out var run) && run.Started;
        }
    }

    /// <summary>Starts buffering reports for a run that begins executing; the returned sink reports to subscribers.</summary>
    internal IProgress<RunProgress> Begin(Guid runId)
    {
        lock (_gate)
        {
            if (!_active.TryGetValue(runId, out var run))
            {
                run = new ActiveRun();
                _active[runId] = run;
            }

            run.Started = true;
        }

        return new Sink(this, runId);
    }

    /// <summary>Ends a run's live phase (after its result is stored) and tells status subscribers.</summary>
    internal void End(Guid runId, RunStatus status, Guid? batchId = null)
    {
        lock (_gate)
        {
            _active.Remove(runId);
        }

        PublishStatus(new RunStatusChange(runId, status) { BatchId = batchId });
    }

    internal void PublishStatus(RunStatusChange change)
    {
        Action<RunStatusChange>[] handlers;
        lock (_gate)
        {
            handlers = [.. _statusHandlers];
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(change);
            }
#pragma warning disable CA1031 // a subscriber's failure must never reach the worker
            catch (Exception)
#pragma warning restore CA1031
            {
                lock (_gate)
                {
                    _statusHandlers.Remove(handler);
                }
            }
        }
    }

    /// <summary>True when someone on this node watches run <paramref name="runId"/> (a status from another node is worth relaying).</summary>
    internal bool IsWatched(Guid runId)
    {
        lock (_gate)
        {
            return _active.TryGetValue(runId, out var run) && run.Handlers.Count > 0;
        }
    }

    /// <summary>
    /// Relays a report of a run executing on another node (ADR-022: its status and its final <see cref="RunProgressKind.Stored"/>,
    /// without a result: watchers read the store). Ignored when the run executes here (the local reports are authoritative).
    /// </summary>
    internal void RelayRemote(Guid runId, RunProgress report)
    {
        Action<RunProgress>[] handlers;
        lock (_gate)
        {
            if (!_active.TryGetValue(runId, out var run) || run.Started)
            {
                return;
            }

            handlers = [.. run.Handlers];
        }

        foreach (var handler in handlers)
        {
            if (!Deliver(handler, report))
            {
                Remove(runId, handler);
            }
        }
    }

    /// <summary>
    /// Ends a run's live phase without announcing a status: its result was not stored here (the lease was lost, ADR-022).
    /// Watchers stay subscribed, so the reports relayed from the node that took the run over still reach them.
    /// </summary>
    internal void Abandon(Guid runId)
    {
        lock (_gate)
        {
            if (!_active.TryGetValue(runId, out var run))
            {
                return;
            }

            if (run.Handlers.Count == 0)
            {
                _active.Remove(runId);
            }
            else
            {
                run.Started = false;
                run.Reports.Clear();
            }
        }
    }

    private void Report(Guid runId, RunProgress report)
    {
        Action<RunProgress>[] handlers;
        lock (_gate)
        {
            if (!_active.TryGetValue(runId, out var run) || !run.Started)
            {
                return;
            }

            run.Reports.Add(report);
            handlers = [.. run.Handlers];
        }

        foreach (var handler in handlers)
        {
            if (!Deliver(handler, report))
            {
                Remove(runId, handler);
            }
        }
    }

    private void Remove(Guid runId, Action<RunProgress> handler)
    {
        lock (_gate)
        {
            if (_active.TryGetValue(runId, out var run))
            {
                run.Handlers.Remove(handler);
                if (!run.Started && run.Handlers.Count == 0)
                {
                    _active.Remove(runId); // a watcher of a run that never started here leaves nothing behind
                }
            }
        }
    }

    private static bool Deliver(Action<RunProgress> handler, RunProgress report)
    {
        try
        {
            handler(report);
            return true;
        }
#pragma warning disable CA1031 // a subscriber's failure must never reach the worker
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private sealed class ActiveRun
    {
        public bool Started { get; set; }

        public List<RunProgress> Reports { get; } = [];

        public List<Action<RunProgress>> Handlers { get; } = [];
    }

    private sealed class Sink(RunNotifier notifier, Guid runId) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => notifier.Report(runId, value);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

namespace Workbench.Core.Persistence;

/// <summary>
/// Background upkeep that runs a short <c>delay</c> after it is first requested; requests made before it starts join it,
/// so a burst of writes leads to one run of the work (for example, indexing every run stored in that burst at once).
/// A request made while the work runs schedules the next round. Disposing cancels what has not started.
/// </summary>
internal sealed class DelayedWork : IDisposable
{
    private readonly Func<CancellationToken, Task> _work;
    private readonly TimeSpan _delay;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private int _requested;
    private Task _latest = Task.CompletedTask;

    /// <param name="work">The work; it handles (logs) its own failures, and gets a token cancelled on dispose.</param>
    public DelayedWork(Func<CancellationToken, Task> work, TimeSpan delay, TimeProvider time)
    {
        _work = work;
        _delay = delay;
        _time = time;
        _stoppingToken = _stopping.Token;
    }

    /// <summary>The round requested last (completed when none is pending or running).</summary>
    internal Task Latest => Volatile.Read(ref _latest);

    public void Request()
    {
        if (Interlocked.Exchange(ref _requested, 1) == 0)
        {
            Volatile.Write(ref _latest, RunAsync());
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(_delay, _time, _stoppingToken).ConfigureAwait(false);
            Volatile.Write(ref _requested, 0);
            await _work(_stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stoppingToken.IsCancellationRequested)
        {
            // Stopping: the work is upkeep, and whatever it did not do now is done the next time (nothing is lost).
        }
    }
}

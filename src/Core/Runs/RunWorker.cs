using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;

namespace Workbench.Core.Runs;

/// <summary>
/// The background service that executes queued runs, <c>Workbench:Runs:Concurrency</c> at a time, off the Blazor
/// circuit (closing the tab does not stop a run). At start-up, before it takes any work, runs left queued or running by
/// a previous process are marked interrupted with a reason (ADR-007: their stored values are redacted, so they cannot
/// be re-run faithfully). At shutdown, executing runs are stopped and stored as interrupted, and runs still waiting in
/// the queue are marked interrupted too: none is silently lost.
/// </summary>
public sealed partial class RunWorker(
    RunQueue queue,
    RunExecutor executor,
    RunStore store,
    IOptions<WorkbenchOptions> options,
    ILogger<RunWorker> logger) : BackgroundService
{
    public const string RestartReason = "The app stopped before this run finished; it was not resumed because its stored inputs are redacted. Run it again.";

    public const string QueuedAtShutdownReason = "The app stopped before this run started. Run it again.";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var interrupted = await store.InterruptUnfinishedAsync(RestartReason, cancellationToken);
        if (interrupted > 0)
        {
            LogInterruptedAtStart(logger, interrupted);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var waiting = queue.Drain();
        var marked = await store.InterruptQueuedAsync([.. waiting.Select(r => r.Id)], QueuedAtShutdownReason, CancellationToken.None);
        if (marked > 0)
        {
            LogInterruptedAtStop(logger, marked);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = options.Value.Runs.Concurrency;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => ConsumeAsync(stoppingToken), CancellationToken.None)));
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                if (queue.Reader.TryRead(out var run))
                {
                    await executor.ExecuteAsync(run.Id, run.Request, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: StopAsync marks what is left in the queue
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} runs left unfinished by the previous process were marked interrupted")]
    private static partial void LogInterruptedAtStart(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} queued runs were marked interrupted at shutdown")]
    private static partial void LogInterruptedAtStop(ILogger logger, int count);
}

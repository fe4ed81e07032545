using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Runs;

public sealed class RunExecutorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cancel_AfterRunningBeforeTheFirstAttempt_IsStoredAsCancelledWithItsReason()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var request = RunTestBed.Request();
        var id = await bed.Store.AddQueuedAsync(request, Ct);

        // "Running" is announced after the run is marked and before the engine starts: cancel exactly then.
        var cancelled = false;
        using var subscription = bed.Notifier.SubscribeToStatusChanges(change =>
        {
            if (change.RunId == id && change.Status == RunStatus.Running)
            {
                cancelled = bed.Executor.TryCancel(id);
            }
        });

        Assert.Equal(RunStatus.Cancelled, await bed.Executor.ExecuteAsync(id, request, Ct));

        Assert.True(cancelled);
        var stored = await bed.Store.GetAsync(id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(RunStatus.Cancelled, stored.Status);
        Assert.Empty(stored.Attempts);
        Assert.Equal(RunExecutor.CancelledBeforeFirstAttemptReason, stored.StatusReason);
    }
}

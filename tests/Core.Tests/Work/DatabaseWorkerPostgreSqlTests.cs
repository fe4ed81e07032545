using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Runs;
using Workbench.Core.Work;

namespace Workbench.Core.Tests.Work;

/// <summary>
/// A node's worker on PostgreSQL (ADR-022) with the queue of <see cref="DatabaseWorkDispatcher"/>: submitted runs are
/// claimed, executed with the unsealed values and stored once; a cancel reaches a run executing on the node; a graceful
/// stop hands an executing run back to the queue for another node. Skipped where PostgreSQL is absent.
/// </summary>
public sealed class DatabaseWorkerPostgreSqlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_RunWithPersonalData_ExecutedWithTheValuesStoredRedactedAndInputsDeleted()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: DatabaseProvider.PostgreSql);
        var node = new Node(bed);
        await node.Worker.StartAsync(Ct);
        var email = "jane.roe" + "@" + "example.com";
        var request = RunTestBed.Request("echo-pii") with { Variables = new Dictionary<string, string?> { ["city"] = "Oslo", ["notes"] = "mail " + email } };

        var submitted = await node.Dispatcher.SubmitRunAsync(request, Ct);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Problems));
        var run = await RunServiceTests.WaitForFinalAsync(bed, submitted.Value);
        await node.Worker.StopAsync(Ct);

        Assert.NotEqual(RunStatus.Interrupted, run.Status);
        Assert.NotEmpty(run.Attempts);
        Assert.Contains(run.Attempts, a => a.Messages.Any(m => m.Text.Contains("Oslo", StringComparison.Ordinal)));
        Assert.Equal("", await FindAsync(bed, email));
        await using var db = await bed.Database.Factory.CreateDbContextAsync(Ct);
        Assert.False(await db.WorkItems.AnyAsync(Ct));
    }

    [Fact]
    public async Task Cancel_RunExecutingOnTheNode_IsStoredAsCancelled()
    {
        await using var bed = await RunTestBed.CreateAsync(chunkDelayMilliseconds: 200, provider: DatabaseProvider.PostgreSql);
        var node = new Node(bed);
        await node.Worker.StartAsync(Ct);
        var submitted = await node.Dispatcher.SubmitRunAsync(RunTestBed.Request(), Ct);
        await WaitForStatusAsync(bed, submitted.Value, RunStatus.Running);

        Assert.True(await node.Dispatcher.CancelRunAsync(submitted.Value, Ct));

        var run = await RunServiceTests.WaitForFinalAsync(bed, submitted.Value);
        await node.Worker.StopAsync(Ct);
        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    [Fact]
    public async Task Cancel_FromAnotherNode_ReachesTheExecutingNodeAndIsStoredAsCancelled()
    {
        await using var bed = await RunTestBed.CreateAsync(chunkDelayMilliseconds: 200, provider: DatabaseProvider.PostgreSql);
        var keys = new EphemeralDataProtectionProvider();
        var executing = new Node(bed, keys);
        var other = new Node(bed, keys);
        await executing.Signals.StartAsync(Ct);
        await executing.Worker.StartAsync(Ct);
        var submitted = await executing.Dispatcher.SubmitRunAsync(RunTestBed.Request(), Ct);

        // Cancel once the first attempt streams: "running" alone is stored before the attempt starts, and a cancel that
        // arrives in between ends the run with no attempt at all (a fast NOTIFY made this test fail on a quiet machine).
        var streaming = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (executing.Notifier.Subscribe(submitted.Value, p => { if (p.Kind == RunProgressKind.Text) { streaming.TrySetResult(); } }))
        {
            await streaming.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        }

        Assert.True(await other.Dispatcher.CancelRunAsync(submitted.Value, Ct));

        var run = await RunServiceTests.WaitForFinalAsync(bed, submitted.Value);
        await executing.Worker.StopAsync(Ct);
        await executing.Signals.StopAsync(Ct);
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal(RunAttemptStatus.Cancelled, Assert.Single(run.Attempts).Status);
    }

    [Fact]
    public async Task Stop_RunExecuting_IsHandedBackAndAnotherNodeFinishesIt()
    {
        await using var bed = await RunTestBed.CreateAsync(chunkDelayMilliseconds: 200, provider: DatabaseProvider.PostgreSql);
        var keys = new EphemeralDataProtectionProvider();
        var first = new Node(bed, keys);
        await first.Worker.StartAsync(Ct);
        var submitted = await first.Dispatcher.SubmitRunAsync(RunTestBed.Request(), Ct);
        await WaitForStatusAsync(bed, submitted.Value, RunStatus.Running);

        await first.Worker.StopAsync(Ct);

        Assert.Equal(RunStatus.Queued, (await bed.Store.GetAsync(submitted.Value, Ct))!.Status);
        await using (var db = await bed.Database.Factory.CreateDbContextAsync(Ct))
        {
            var item = await db.WorkItems.SingleAsync(Ct);
            Assert.Null(item.LeaseToken);
        }

        var second = new Node(bed, keys);
        await second.Worker.StartAsync(Ct);
        var run = await RunServiceTests.WaitForFinalAsync(bed, submitted.Value);
        await second.Worker.StopAsync(Ct);
        Assert.Equal(RunStatus.Valid, run.Status);
        Assert.Single(run.Attempts);
    }

    private static async Task WaitForStatusAsync(RunTestBed bed, Guid id, RunStatus status)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while ((await bed.Store.GetAsync(id, timeout.Token))!.Status != status)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<string> FindAsync(RunTestBed bed, string value)
    {
        var rows = await bed.Database.ReadRawAsync(Ct);
        return rows.Contains(value, StringComparison.Ordinal) ? value : "";
    }

    /// <summary>One node: its worker, dispatcher and signals over the bed's database, engine and providers.</summary>
    private sealed class Node
    {
        public Node(RunTestBed bed, IDataProtectionProvider? keys = null)
        {
            var options = bed.Options;
            var identity = new WorkNode();
            var items = new WorkItemStore(bed.Database.Factory, bed.Database.Settings, TimeProvider.System);
            var sealer = new WorkPayloadSealer(keys ?? new EphemeralDataProtectionProvider());
            var notifier = Notifier = new RunNotifier();
            var executor = new RunExecutor(bed.Engine, bed.Store, notifier, TimeProvider.System, NullLogger<RunExecutor>.Instance);
            Signals = new ClusterSignals(bed.Database.Settings, identity, notifier, bed.BatchNotifier, bed.BatchStore, options, TimeProvider.System, NullLogger<ClusterSignals>.Instance);
            Worker = new DatabaseWorker(items, bed.Store, executor, sealer, Signals, identity, options,
                bed.Host.Services.GetRequiredService<IOptionsMonitor<ProvidersOptions>>(), TimeProvider.System, NullLogger<DatabaseWorker>.Instance);
            Dispatcher = new DatabaseWorkDispatcher(bed.Database.Factory, bed.Engine, executor, items, sealer, bed.BatchStore, Signals, options, TimeProvider.System);
        }

        public DatabaseWorker Worker { get; }

        public RunNotifier Notifier { get; }

        public ClusterSignals Signals { get; }

        public DatabaseWorkDispatcher Dispatcher { get; }
    }
}

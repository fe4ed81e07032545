using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Runs;
using Workbench.Core.Work;

namespace Workbench.Core.Tests.Work;

/// <summary>
/// The PostgreSQL work queue (ADR-022): claims by two nodes, lease expiry and reclaim, the conditional final write and
/// the per-provider limit across nodes. A lease of 0 seconds has expired as soon as it is taken, so a take-over needs no
/// waiting. Skipped where PostgreSQL is absent (failed when CI=true). On SQLite the single-node in-process queue stays.
/// </summary>
public sealed class WorkItemStorePostgreSqlTests
{
    private const double Lease = 60;

    private static readonly Dictionary<string, int> NoProviderLimits = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claim_TwoNodes_EachItemClaimedByExactlyOneNode()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: DatabaseProvider.PostgreSql);
        var store = CreateStore(bed);
        var ids = await EnqueueAsync(bed, 7);

        var first = await store.ClaimAsync("node-a", Limits(3), Lease, Ct);
        var second = await store.ClaimAsync("node-b", Limits(100), Lease, Ct);
        var third = await store.ClaimAsync("node-c", Limits(100), Lease, Ct);

        Assert.Equal(3, first.Count);
        Assert.Equal(4, second.Count);
        Assert.Empty(third);
        Assert.Equal(ids.Order(), first.Concat(second).Select(c => c.RunId).Order());
        Assert.All(first.Concat(second), c => Assert.Equal(1, c.Claims));
        await using var db = await bed.Database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(3, await db.WorkItems.CountAsync(w => w.LeasedBy == "node-a", Ct));
        Assert.Equal(4, await db.WorkItems.CountAsync(w => w.LeasedBy == "node-b", Ct));
    }

    [Fact]
    public async Task Claim_LeaseExpired_AnotherNodeReclaimsAndTheRunIsQueuedAgain()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: DatabaseProvider.PostgreSql);
        var store = CreateStore(bed);
        var id = Assert.Single(await EnqueueAsync(bed, 1));
        var lapsed = Assert.Single(await store.ClaimAsync("node-a", Limits(1), 0, Ct));
        Assert.True(await bed.Store.MarkRunningAsync(id, Ct));

        var taken = Assert.Single(await store.ClaimAsync("node-b", Limits(1), Lease, Ct));

        Assert.Equal(id, taken.RunId);
        Assert.Equal(2, taken.Claims);
        Assert.NotEqual(lapsed.Token, taken.Token);
        Assert.Equal(RunStatus.Queued, (await bed.Store.GetAsync(id, Ct))!.Status);
        Assert.Empty(await store.ClaimAsync("node-c", Limits(1), Lease, Ct)); // a live lease is never taken
    }

    [Fact]
    public async Task Renew_AfterTakeOver_OnlyTheCurrentHolderKeepsTheLease()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: DatabaseProvider.PostgreSql);
        var store = CreateStore(bed);
        await EnqueueAsync(bed, 1);
        var lapsed = Assert.Single(await store.ClaimAsync("node-a", Limits(1), 0, Ct));
        var taken = Assert.Single(await store.ClaimAsync("node-b", Limits(1), Lease, Ct));

        var renewedByA = await store.RenewAsync([lapsed.Token], Lease, Ct);
        var renewedByB = await store.RenewAsync([taken.Token], Lease, Ct);

        Assert.Empty(renewedByA);
        Assert.False(Assert.Single(renewedByB).Value);
    }

    [Fact]
    public async Task SaveResultIf_LeaseTakenOver_OnlyTheCurrentHolderStoresOneFinalRun()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: DatabaseProvider.PostgreSql);
        var store = CreateStore(bed);
        var id = Assert.Single(await EnqueueAsync(bed, 1));
        var lapsed = Assert.Single(await store.ClaimAsync("node-a", Limits(1), 0, Ct));
        Assert.True(await bed.Store.MarkRunningAsync(id, Ct));
        var taken = Assert.Single(await store.ClaimAsync("node-b", Limits(1), Lease, Ct));
        Assert.True(await bed.Store.MarkRunningAsync(id, Ct));
        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request("invalid-json@1"), null, Ct);

        var storedByA = await bed.Store.SaveResultIfAsync(id, result, (db, ct) => WorkItemStore.TakeAsync(db, id, lapsed.Token, ct), Ct);
        var storedByB = await bed.Store.SaveResultIfAsync(id, result, (db, ct) => WorkItemStore.TakeAsync(db, id, taken.Token, ct), Ct);
        var storedByBAgain = await bed.Store.SaveResultIfAsync(id, result, (db, ct) => WorkItemStore.TakeAsync(db, id, taken.Token, ct), Ct);

        Assert.False(storedByA);
        Assert.True(storedByB);
        Assert.False(storedByBAgain);
        var run = (await bed.Store.GetAsync(id, Ct))!;
        Assert.Equal(RunStatus.Repaired, run.Status);
        Assert.Equal(2, run.Attempts.Count);
        await using var check = await bed.Database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(2, await check.RunAttempts.CountAsync(a => a.RunId == id, Ct));
        Assert.False(await check.WorkItems.AnyAsync(Ct)); // the sealed inputs go with the final write
    }

    [Fact]
    public async Task Claim_ProviderMaxConcurrency_CountsTheLiveLeasesOfAllNodes()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: DatabaseProvider.PostgreSql);
        var store = CreateStore(bed);
        await EnqueueAsync(bed, 5);
        var limit = new Dictionary<string, int> { ["simulated"] = 2 };

        var first = await store.ClaimAsync("node-a", Limits(10, limit), Lease, Ct);
        var second = await store.ClaimAsync("node-b", Limits(10, limit), Lease, Ct);
        await store.DropAsync(first[0].RunId, first[0].Token, Ct);
        var afterOneEnded = await store.ClaimAsync("node-b", Limits(10, limit), Lease, Ct);

        Assert.Equal(2, first.Count);
        Assert.Empty(second);
        Assert.Single(afterOneEnded);
    }

    [Fact]
    public async Task Release_ClaimedRun_IsQueuedAgainAndClaimableAtOnce()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: DatabaseProvider.PostgreSql);
        var store = CreateStore(bed);
        var id = Assert.Single(await EnqueueAsync(bed, 1));
        var claimed = Assert.Single(await store.ClaimAsync("node-a", Limits(1), Lease, Ct));
        Assert.True(await bed.Store.MarkRunningAsync(id, Ct));

        await store.ReleaseAsync(id, claimed.Token, Ct);

        Assert.Equal(RunStatus.Queued, (await bed.Store.GetAsync(id, Ct))!.Status);
        Assert.Equal(id, Assert.Single(await store.ClaimAsync("node-b", Limits(1), Lease, Ct)).RunId);
    }

    [Fact]
    public async Task Sweep_UnfinishedRunWithoutItemAndExpiredCancelRequest_AreEnded()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: DatabaseProvider.PostgreSql);
        var store = CreateStore(bed);
        var orphan = await bed.Store.AddQueuedAsync(RunTestBed.Request(), Ct);
        var cancelled = Assert.Single(await EnqueueAsync(bed, 1));
        Assert.Single(await store.ClaimAsync("node-a", Limits(1), 0, Ct));
        Assert.True(await bed.Store.MarkRunningAsync(cancelled, Ct));
        Assert.True(await store.CancelRunAsync(cancelled, Ct)); // a cancel request for a node that then died

        Assert.Equal(2, await store.SweepAsync(Ct));

        var orphanRun = (await bed.Store.GetAsync(orphan, Ct))!;
        Assert.Equal(RunStatus.Interrupted, orphanRun.Status);
        Assert.Equal(WorkItemStore.OrphanReason, orphanRun.StatusReason);
        Assert.Equal(RunStatus.Cancelled, (await bed.Store.GetAsync(cancelled, Ct))!.Status);
        await using var db = await bed.Database.Factory.CreateDbContextAsync(Ct);
        Assert.False(await db.WorkItems.AnyAsync(Ct));
    }

    [Fact]
    public async Task CancelRun_Queued_IsCancelledAndNeverClaimed()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: DatabaseProvider.PostgreSql);
        var store = CreateStore(bed);
        var id = Assert.Single(await EnqueueAsync(bed, 1));

        Assert.True(await store.CancelRunAsync(id, Ct));

        Assert.Equal(RunStatus.Cancelled, (await bed.Store.GetAsync(id, Ct))!.Status);
        Assert.Empty(await store.ClaimAsync("node-a", Limits(1), Lease, Ct));
        Assert.False(await store.CancelRunAsync(id, Ct));
    }

    private static WorkItemStore CreateStore(RunTestBed bed) => new(bed.Database.Factory, bed.Database.Settings, TimeProvider.System);

    private static WorkClaimLimits Limits(int singles, IReadOnlyDictionary<string, int>? providerLimits = null) =>
        new(singles, 0, new HashSet<Guid>(), 1, providerLimits ?? NoProviderLimits);

    /// <summary>Queued single runs of the simulated provider, each with its work item (the payload is opaque to the store).</summary>
    private static async Task<IReadOnlyList<Guid>> EnqueueAsync(RunTestBed bed, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await bed.Store.AddQueuedAsync(RunTestBed.Request(), Ct));
        }

        await using var db = await bed.Database.Factory.CreateDbContextAsync(Ct);
        var at = DateTime.UtcNow;
        db.WorkItems.AddRange(ids.Select((id, i) => new WorkItemEntity { RunId = id, Provider = "simulated", Payload = [1, 2, 3], EnqueuedAtUtc = at.AddMilliseconds(i) }));
        await db.SaveChangesAsync(Ct);
        return ids;
    }
}

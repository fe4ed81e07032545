using Workbench.Core.Persistence;
using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Runs;

public class RunStoreTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static readonly string Email = "jane.roe" + "@" + "example.com";

    private static readonly string Phone = "+1 415 555 " + "0123";

    private static readonly string Key = "sk-" + "proj-" + new string([.. Enumerable.Range(0, 48).Select(i => "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"[(i * 7) % 56])]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveResult_RepairedRun_ReadsBackEveryAttemptWithItsTrail()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: Provider);
        var store = new RunStore(bed.Database.Factory, TimeProvider.System);
        var request = RunTestBed.Request("invalid-json@1", "http-429@2");
        var id = await store.AddQueuedAsync(request, Ct);
        Assert.Equal(RunStatus.Queued, (await store.GetAsync(id, Ct))!.Status);
        Assert.True(await store.MarkRunningAsync(id, Ct));

        var result = await bed.Engine.ExecuteAsync(request, null, Ct);
        await store.SaveResultAsync(id, result, Ct);

        var stored = await store.GetAsync(id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(RunStatus.Repaired, stored.Status);
        Assert.Equal(result.Json, stored.Json);
        Assert.Equal(2, stored.Attempts.Count);
        Assert.Equal(result.Attempts[0].Issues, stored.Attempts[0].Issues);
        Assert.Equal(RunAttemptKind.Repair, stored.Attempts[1].Kind);
        var retry = Assert.Single(stored.Attempts[1].TransportRetries);
        Assert.Equal(429, retry.HttpStatus);
        Assert.Equal(TimeSpan.FromMilliseconds(25), retry.Wait);
        Assert.Equal(result.Attempts[1].Messages, stored.Attempts[1].Messages);
    }

    [Fact]
    public async Task MarkRunningAndSaveTogether_SeveralRuns_OneTransactionEachAndOnlyQueuedOrExistingOnesChange()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: Provider);
        var store = new RunStore(bed.Database.Factory, TimeProvider.System);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await store.AddQueuedAsync(RunTestBed.Request(), Ct));
        }

        Assert.True(await store.CancelQueuedAsync(ids[1], Ct));
        var marked = await MarkRunningTogetherAsync(bed, [ids[0], ids[1], ids[2], Guid.NewGuid()]);
        Assert.Equal([true, false, true, false], marked);
        Assert.Equal(RunStatus.Queued, (await store.GetAsync(ids[3], Ct))!.Status);

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request(), null, Ct);
        var unknown = Guid.NewGuid();
        var saved = await SaveResultsTogetherAsync(bed, [(ids[0], result), (unknown, result), (ids[2], result)]);

        Assert.Equal([true, false, true], saved);
        foreach (var id in new[] { ids[0], ids[2] })
        {
            var run = (await store.GetAsync(id, Ct))!;
            Assert.Equal(RunStatus.Valid, run.Status);
            Assert.Single(run.Attempts);
        }

        Assert.Equal(RunStatus.Cancelled, (await store.GetAsync(ids[1], Ct))!.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveResultAsync(unknown, result, Ct));
    }

    [Fact]
    public async Task MarkRunningAndSave_ManyRunsAtOnce_EveryRunIsStored()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: Provider);
        var store = new RunStore(bed.Database.Factory, TimeProvider.System);
        var ids = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            ids.Add(await store.AddQueuedAsync(RunTestBed.Request(), Ct));
        }

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request(), null, Ct);
        Assert.All(await Task.WhenAll(ids.Select(id => Task.Run(() => store.MarkRunningAsync(id, Ct), Ct))), Assert.True);
        await Task.WhenAll(ids.Select(id => Task.Run(() => store.SaveResultAsync(id, result, Ct), Ct)));

        foreach (var id in ids)
        {
            var run = (await store.GetAsync(id, Ct))!;
            Assert.Equal(RunStatus.Valid, run.Status);
            Assert.Single(run.Attempts);
        }
    }

    [Fact]
    public async Task InterruptUnfinished_QueuedAndRunning_AreMarkedInterruptedWithTheReason()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: Provider);
        var store = new RunStore(bed.Database.Factory, TimeProvider.System);
        var queued = await store.AddQueuedAsync(RunTestBed.Request(), Ct);
        var running = await store.AddQueuedAsync(RunTestBed.Request(), Ct);
        await store.MarkRunningAsync(running, Ct);

        Assert.Equal(2, await store.InterruptUnfinishedAsync("The app stopped.", Ct));

        Assert.Equal(RunStatus.Interrupted, (await store.GetAsync(queued, Ct))!.Status);
        Assert.Equal("The app stopped.", (await store.GetAsync(running, Ct))!.StatusReason);
        Assert.False(await store.MarkRunningAsync(queued, Ct));
    }

    [Fact]
    public async Task Save_PlantedPiiInVariablesAndEchoedOutput_NeverReachesTheDatabaseFile()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: Provider);
        var store = new RunStore(bed.Database.Factory, TimeProvider.System);
        var request = RunTestBed.Request("echo-pii") with
        {
            Variables = new Dictionary<string, string?> { ["city"] = "Oslo", ["notes"] = $"mail {Email}, call {Phone}, key {Key}" },
            MaxAttempts = 2,
        };
        var phoneOnly = RunTestBed.Request("echo-pii") with { Variables = new Dictionary<string, string?> { ["city"] = "Oslo", ["notes"] = $"call {Phone}" } };

        foreach (var run in new[] { request, phoneOnly })
        {
            var id = await store.AddQueuedAsync(run, Ct);
            var result = await bed.Engine.ExecuteAsync(run, null, Ct);
            Assert.Contains(result.Attempts, a => a.Output.Contains(Email, StringComparison.Ordinal) || a.Output.Contains(Phone, StringComparison.Ordinal));
            await store.SaveResultAsync(id, result, Ct);
            var stored = await store.GetAsync(id, Ct);
            Assert.NotEmpty(stored!.Attempts);
        }

        var text = await bed.Database.ReadRawAsync(Ct);
        Assert.Contains("Oslo", text, StringComparison.Ordinal);
        foreach (var planted in new[] { Email, "jane.roe", Phone, "555 0123", Key, Key[8..] })
        {
            Assert.DoesNotContain(planted, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SaveResultIf_GuardRefusesOrRunAlreadyFinal_NothingIsStored()
    {
        await using var bed = await RunTestBed.CreateAsync(provider: Provider);
        var store = new RunStore(bed.Database.Factory, TimeProvider.System);
        var id = await store.AddQueuedAsync(RunTestBed.Request(), Ct);
        Assert.True(await store.MarkRunningAsync(id, Ct));
        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request(), null, Ct);

        var refused = await store.SaveResultIfAsync(id, result, (_, _) => Task.FromResult(false), Ct);
        Assert.Equal(RunStatus.Running, (await store.GetAsync(id, Ct))!.Status);
        var stored = await store.SaveResultIfAsync(id, result, (_, _) => Task.FromResult(true), Ct);
        var again = await store.SaveResultIfAsync(id, result, (_, _) => Task.FromResult(true), Ct);

        Assert.False(refused);
        Assert.True(stored);
        Assert.False(again);
        var run = (await store.GetAsync(id, Ct))!;
        Assert.Equal(RunStatus.Valid, run.Status);
        Assert.Single(run.Attempts);
    }

    private static async Task<IReadOnlyList<bool>> MarkRunningTogetherAsync(RunTestBed bed, IReadOnlyList<Guid> ids)
    {
        await using var db = await bed.Database.Factory.CreateDbContextAsync(Ct);
        return await RunStore.MarkRunningTogetherAsync(db, TimeProvider.System, ids);
    }

    private static async Task<IReadOnlyList<bool>> SaveResultsTogetherAsync(RunTestBed bed, IReadOnlyList<(Guid Id, RunResult Result)> results)
    {
        await using var db = await bed.Database.Factory.CreateDbContextAsync(Ct);
        return await RunStore.SaveResultsTogetherAsync(db, TimeProvider.System, results);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Workbench.Core.History;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Providers.Fakes;
using Workbench.Core.Tests.Runs;

namespace Workbench.Core.Tests.History;

/// <summary>
/// ADR-029: SQLite run writes only queue runs for the full-text index; <see cref="RunSearchIndex"/> indexes them later,
/// in the background and before every search. These tests read the index itself (<see cref="SqliteRunSearch.CountAsync"/>
/// does not catch up) and the queue.
/// </summary>
public sealed class RunSearchIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunWrites_QueueRunsInsteadOfIndexing_AndCatchUpIndexesThemOnce()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        await bed.AddAsync(output: """{"note":"fjord"}""");
        await bed.AddAsync(variables: new Dictionary<string, string?> { ["city"] = "Tromso" });

        Assert.Equal(2, await PendingAsync(bed));
        Assert.Equal(0, await IndexedAsync(bed, "fjord"));

        Assert.Equal(2, await CatchUpAsync(bed));

        Assert.Equal(0, await PendingAsync(bed));
        Assert.Equal(1, await IndexedAsync(bed, "fjord"));
        Assert.Equal(1, await IndexedAsync(bed, "tromso"));
        Assert.Equal(2, await IndexRowsAsync(bed));
        Assert.Equal(0, await CatchUpAsync(bed)); // nothing left: a search after it pays one small read
    }

    [Fact]
    public async Task ChangedOutput_IsQueuedAgain_AndReplacesTheOldEntry()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        var id = await bed.AddAsync(output: """{"note":"glacier"}""");
        await CatchUpAsync(bed);

        await using (var db = await bed.Database.Factory.CreateDbContextAsync(Ct))
        {
            await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Output, """{"note":"harbour"}"""), Ct);
        }

        Assert.Equal(1, await PendingAsync(bed));
        Assert.Equal(1, await IndexedAsync(bed, "glacier")); // the old entry until the index catches up
        await CatchUpAsync(bed);
        Assert.Equal(0, await IndexedAsync(bed, "glacier"));
        Assert.Equal(1, await IndexedAsync(bed, "harbour"));
        Assert.Equal(1, await IndexRowsAsync(bed));
    }

    [Fact]
    public async Task StatusUpdatesAndUnchangedContent_QueueNothing()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        var id = await bed.AddAsync(status: RunStatus.Running, output: """{"note":"same"}""");
        await CatchUpAsync(bed);

        await using (var db = await bed.Database.Factory.CreateDbContextAsync(Ct))
        {
            await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Valid), Ct);
            await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Output, """{"note":"same"}"""), Ct);
        }

        Assert.Equal(0, await PendingAsync(bed));
    }

    [Fact]
    public async Task DeletedRuns_LeaveTheIndex_WhetherIndexedOrStillQueued()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        var indexed = await bed.AddAsync(output: """{"note":"lighthouse"}""");
        await CatchUpAsync(bed);
        var queued = await bed.AddAsync(output: """{"note":"lighthouse keeper"}""");

        await using (var db = await bed.Database.Factory.CreateDbContextAsync(Ct))
        {
            await db.Runs.Where(r => r.Id == indexed || r.Id == queued).ExecuteDeleteAsync(Ct);
        }

        Assert.Equal(0, await IndexedAsync(bed, "lighthouse")); // the delete trigger still removes at once
        Assert.Equal(1, await CatchUpAsync(bed)); // the queued one's entry is taken off the queue, not indexed
        Assert.Equal(0, await IndexedAsync(bed, "lighthouse"));
        Assert.Equal(0, await IndexRowsAsync(bed));
    }

    [Fact]
    public async Task MoreThanOneChunk_IsIndexedCompletely()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        var count = (RunSearchIndex.ChunkSize * 2) + 3;
        await bed.AddManyAsync(count, "meridian");

        Assert.Equal(count, await CatchUpAsync(bed));

        Assert.Equal(count, await IndexedAsync(bed, "meridian"));
        Assert.Equal(0, await PendingAsync(bed));
    }

    [Fact]
    public async Task ConcurrentCatchUps_TakeEachQueuedRunOnce()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        await bed.AddManyAsync(1200, "tundra");

        var taken = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => CatchUpAsync(bed), Ct)));

        Assert.Equal(1200, taken.Sum());
        Assert.Equal(1200, await IndexedAsync(bed, "tundra"));
        Assert.Equal(1200, await IndexRowsAsync(bed));
    }

    [Fact]
    public async Task Search_CatchesUpFirst_SoItSeesRunsJustStored()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        var id = await bed.AddAsync(output: """{"note":"aurora"}""");

        Assert.Equal(id, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "aurora" })).Rows).Id);
        Assert.Equal(id, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "auro", Statuses = [RunStatus.Valid] })).Rows).Id);
        Assert.Equal(0, await PendingAsync(bed));
    }

    [Fact]
    public async Task StoredResults_AreIndexedInTheBackground_WithoutASearch()
    {
        await using var bed = await RunTestBed.CreateAsync();
        using var store = new RunStore(bed.Database.Factory, bed.Database.Time);
        var request = RunTestBed.Request();
        var id = await store.AddQueuedAsync(request, Ct);
        Assert.True(await store.MarkRunningAsync(id, Ct));
        await store.SaveResultAsync(id, await bed.Engine.ExecuteAsync(request, null, Ct), Ct);
        Assert.True(await PendingAsync(bed.Database) > 0);

        bed.Database.Time.Advance(RunStore.SearchIndexDelay);
        await store.SearchIndexing.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(0, await PendingAsync(bed.Database));
        Assert.Equal(1, await IndexedAsync(bed.Database, "oslo"));
    }

    [Fact]
    public async Task BackgroundIndexingFailure_LogsTheTypeOnly_AndLeavesTheRunsQueued()
    {
        await using var bed = await RunTestBed.CreateAsync();
        using var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        using var store = new RunStore(bed.Database.Factory, bed.Database.Time, logger: loggers.CreateLogger<RunStore>());
        var request = RunTestBed.Request("echo-pii") with { Variables = new Dictionary<string, string?> { ["city"] = "Oslo", ["notes"] = "call +47 22 33 44 55" } };
        var id = await store.AddQueuedAsync(request, Ct);
        Assert.True(await store.MarkRunningAsync(id, Ct));
        await using (var db = await bed.Database.Factory.CreateDbContextAsync(Ct))
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TABLE "RunSearchRows";""", Ct); // the round's second statement fails
        }

        await store.SaveResultAsync(id, await bed.Engine.ExecuteAsync(request, null, Ct), Ct);
        bed.Database.Time.Advance(RunStore.SearchIndexDelay);
        await store.SearchIndexing.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var (level, text) = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal("Indexing stored runs for search failed (SqliteException); the next search indexes them", text);
        Assert.True(await PendingAsync(bed.Database) > 0);
    }

    [Fact]
    public async Task Migration_KeepsRunsIndexedTheOldWay_AndItsDownIndexesWhatIsQueued()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        var queued = await bed.AddAsync(output: """{"note":"before down"}""");

        // Down: what was queued is indexed, and writes index in their own commit again.
        await MigrateAsync(bed, "20261207071327_DataProtectionKeys");
        Assert.Equal(1, await IndexedAsync(bed, "before"));
        var immediate = await bed.AddAsync(output: """{"note":"immediate"}""");
        Assert.Equal(1, await IndexedAsync(bed, "immediate"));

        // Up again: the runs indexed meanwhile stay found, new ones are queued.
        await MigrateAsync(bed, null);
        var deferred = await bed.AddAsync(output: """{"note":"deferred"}""");
        Assert.Equal(1, await PendingAsync(bed));
        Assert.Equal(queued, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "before" })).Rows).Id);
        Assert.Equal(immediate, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "immediate" })).Rows).Id);
        Assert.Equal(deferred, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "deferred" })).Rows).Id);
        Assert.Equal(3, await IndexRowsAsync(bed));
    }

    private static async Task MigrateAsync(HistoryTestBed bed, string? target)
    {
        await using var db = await bed.Database.Factory.CreateDbContextAsync(Ct);
        await db.GetService<IMigrator>().MigrateAsync(target, Ct);
    }

    private static async Task<int> CatchUpAsync(HistoryTestBed bed)
    {
        await using var db = await bed.Database.Factory.CreateDbContextAsync(Ct);
        return await RunSearchIndex.CatchUpAsync(db, Ct);
    }

    private static Task<int> PendingAsync(HistoryTestBed bed) => PendingAsync(bed.Database);

    private static Task<int> PendingAsync(Persistence.TestDatabase database) => ScalarAsync(database, """SELECT count(*) AS "Value" FROM "RunSearchPending" """);

    private static Task<int> IndexRowsAsync(HistoryTestBed bed) => ScalarAsync(bed.Database, """SELECT count(*) AS "Value" FROM "RunSearchRows" """);

    private static Task<int> IndexedAsync(HistoryTestBed bed, string word) => IndexedAsync(bed.Database, word);

    private static async Task<int> IndexedAsync(Persistence.TestDatabase database, string word)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        return await new SqliteRunSearch().CountAsync(db, word, 100_000, Ct);
    }

    private static async Task<int> ScalarAsync(Persistence.TestDatabase database, string sql)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync(Ct);
    }
}

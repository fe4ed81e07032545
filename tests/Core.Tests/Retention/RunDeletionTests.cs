using System.Text;
using Microsoft.Data.Sqlite;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.Retention;

public class RunDeletionTests
{
    private const string Marker = "ZQXMARKER123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_FinishedRun_RemovesItAndItsAttempts()
    {
        await using var database = await TestDatabase.CreateAsync();
        var now = database.Time.GetUtcNow().UtcDateTime;
        var run = await RetentionTestData.AddRunAsync(database, RunStatus.Repaired, now, now, attempts: 3, cancellationToken: Ct);
        var other = await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now, now, cancellationToken: Ct);
        var store = new RunStore(database.Factory, database.Time);

        Assert.Equal(RunDeletion.Deleted, await store.DeleteAsync(run, Ct));

        Assert.Null(await store.GetAsync(run, Ct));
        var (runs, attempts) = await RetentionTestData.RemainingAsync(database, Ct);
        Assert.Equal([other], runs);
        Assert.Equal(1, attempts);
        Assert.Equal(RunDeletion.NotFound, await store.DeleteAsync(run, Ct));
    }

    [Theory]
    [InlineData(RunStatus.Queued)]
    [InlineData(RunStatus.Running)]
    public async Task Delete_ActiveRun_IsRefusedAndKept(RunStatus status)
    {
        await using var database = await TestDatabase.CreateAsync();
        var now = database.Time.GetUtcNow().UtcDateTime;
        var run = await RetentionTestData.AddRunAsync(database, status, now, null, cancellationToken: Ct);
        var store = new RunStore(database.Factory, database.Time);

        Assert.Equal(RunDeletion.Active, await store.DeleteAsync(run, Ct));

        Assert.NotNull(await store.GetAsync(run, Ct));
    }

    [Fact]
    public async Task DeleteForTemplate_MixedRuns_DeletesTheTemplatesFinishedRunsAndReturnsTheCount()
    {
        await using var database = await TestDatabase.CreateAsync();
        var now = database.Time.GetUtcNow().UtcDateTime;
        var template = Guid.NewGuid();
        var otherTemplate = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now, now, template, cancellationToken: Ct);
        }

        var running = await RetentionTestData.AddRunAsync(database, RunStatus.Running, now, null, template, cancellationToken: Ct);
        var other = await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now, now, otherTemplate, cancellationToken: Ct);
        var maintenance = new RecordingMaintenance(new SqliteDatabaseMaintenance(database.Factory));
        var store = new RunStore(database.Factory, database.Time, maintenance);
        Assert.Equal(3, await store.CountForTemplateAsync(template, Ct));

        Assert.Equal(3, await store.DeleteForTemplateAsync(template, Ct));

        Assert.Equal(new[] { running, other }.Order(), (await RetentionTestData.RemainingAsync(database, Ct)).Runs.Order());
        Assert.Equal(0, await store.CountForTemplateAsync(template, Ct));
        Assert.Equal([true], maintenance.Rebuilds); // a template-wide delete always rebuilds the file
        Assert.Equal(0, await store.DeleteForTemplateAsync(template, Ct));
        Assert.Equal([true], maintenance.Rebuilds); // nothing deleted: nothing to compact
    }

    [Theory]
    [InlineData(RunStore.RebuildThreshold - 1, false)]
    [InlineData(RunStore.RebuildThreshold, true)]
    public async Task Purge_ManyRuns_RebuildsTheFileFromTheThresholdOn(int count, bool rebuilt)
    {
        await using var database = await TestDatabase.CreateAsync();
        var now = database.Time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < count; i++)
        {
            await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now.AddDays(-10), now.AddDays(-10), attempts: 0, cancellationToken: Ct);
        }

        var maintenance = new RecordingMaintenance(new SqliteDatabaseMaintenance(database.Factory));
        var store = new RunStore(database.Factory, database.Time, maintenance);

        Assert.Equal(count, await store.DeleteFinishedBeforeAsync(now.AddDays(-1), Ct));

        Assert.Equal([rebuilt], maintenance.Rebuilds);
    }

    [Fact]
    public async Task DeleteForTemplate_PlantedMarker_IsGoneFromTheDatabaseFilesAfterVacuum()
    {
        await using var database = await TestDatabase.CreateAsync();
        var now = database.Time.GetUtcNow().UtcDateTime;
        var template = Guid.NewGuid();
        await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now, now, template, Output(), attempts: 2, cancellationToken: Ct);
        await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now, now, Guid.NewGuid(), "{\"city\":\"Bergen\"}", cancellationToken: Ct);
        Assert.Contains(Marker, await ReadFilesAsync(database), StringComparison.Ordinal);

        // Without secure_delete, so that this test sees what VACUUM alone does (the other test covers secure_delete).
        var maintenance = new RecordingMaintenance(new SqliteDatabaseMaintenance(database.Factory), secureDelete: false);

        Assert.Equal(1, await new RunStore(database.Factory, database.Time, maintenance).DeleteForTemplateAsync(template, Ct));

        var text = await ReadFilesAsync(database);
        Assert.Contains("Bergen", text, StringComparison.Ordinal); // the scan reads the real data
        Assert.DoesNotContain(Marker, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_OneRunWithPlantedMarker_IsGoneFromTheDatabaseFilesWithoutAFullRebuild()
    {
        await using var database = await TestDatabase.CreateAsync();
        var now = database.Time.GetUtcNow().UtcDateTime;
        var run = await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now, now, output: Output(), attempts: 2, cancellationToken: Ct);
        await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now, now, output: "{\"city\":\"Bergen\"}", cancellationToken: Ct);
        await Checkpoint(database); // the marker is in the main file too, not only in the log
        Assert.Contains(Marker, await ReadFilesAsync(database, checkpoint: false), StringComparison.Ordinal);
        var maintenance = new RecordingMaintenance(new SqliteDatabaseMaintenance(database.Factory));

        Assert.Equal(RunDeletion.Deleted, await new RunStore(database.Factory, database.Time, maintenance).DeleteAsync(run, Ct));

        Assert.Equal([false], maintenance.Rebuilds);
        var text = await ReadFilesAsync(database, checkpoint: false);
        Assert.Contains("Bergen", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, text, StringComparison.Ordinal);
    }

    /// <summary>A short output with the marker and a long one (several pages: overflow pages) with it in the middle.</summary>
    private static string Output() => "{\"city\":\"" + Marker + "\",\"notes\":\"" + new string('x', 9000) + Marker + new string('y', 9000) + "\"}";

    private static async Task Checkpoint(TestDatabase database)
    {
        await using var connection = new SqliteConnection(DatabasePaths.ConnectionString(database.DataDirectory));
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>The bytes of the database file and its write-ahead log, as text.</summary>
    private static async Task<string> ReadFilesAsync(TestDatabase database, bool checkpoint = false)
    {
        if (checkpoint)
        {
            await Checkpoint(database);
        }

        SqliteConnection.ClearAllPools();
        var path = Path.Combine(database.DataDirectory, DatabasePaths.DatabaseFileName);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var wal = File.Exists(path + "-wal") ? await File.ReadAllBytesAsync(path + "-wal", Ct) : [];
        return Encoding.UTF8.GetString([.. bytes, .. wal]);
    }

    private sealed class RecordingMaintenance(IDatabaseMaintenance inner, bool secureDelete = true) : IDatabaseMaintenance
    {
        public List<bool> Rebuilds { get; } = [];

        public Task<IAsyncDisposable> BeginSecureDeleteAsync(WorkbenchDbContext db, CancellationToken cancellationToken = default) =>
            secureDelete ? inner.BeginSecureDeleteAsync(db, cancellationToken) : Task.FromResult<IAsyncDisposable>(new NoScope());

        public Task<DatabaseCompaction> CompactAsync(bool rebuild, CancellationToken cancellationToken = default)
        {
            Rebuilds.Add(rebuild);
            return inner.CompactAsync(rebuild, cancellationToken);
        }

        private sealed class NoScope : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

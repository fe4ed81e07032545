using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Persistence;

public class SerialWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_OnSqlite_ConsecutiveWritesShareOneOpenConnectionWithThePragmas()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var writer = new SerialWriter(database.Factory);

        var first = await writer.WriteAsync(db => Task.FromResult(db.Database.GetDbConnection()), Ct);
        var (second, busyTimeout) = await writer.WriteAsync(
            async db =>
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA busy_timeout;";
                return (db.Database.GetDbConnection(), await command.ExecuteScalarAsync(Ct));
            },
            Ct);

        Assert.Same(first, second);
        Assert.Equal(System.Data.ConnectionState.Open, second.State);
        Assert.Equal((long)SqlitePragmaInterceptor.BusyTimeoutMilliseconds, busyTimeout);
    }

    [Fact]
    public async Task Write_WithTheAppsPooledContexts_TheSharedConnectionNeverLeaksIntoThePool()
    {
        // The app's factory pools contexts (ADR-019): a context handed back with the shared connection made a later read
        // run on it, inside another write's transaction ("The transaction object is not associated with the same
        // connection object as this command", a 500 on GET /api/batches/{id} during a batch).
        await using var database = await TestDatabase.CreateAsync();
        var services = new ServiceCollection()
            .AddPooledDbContextFactory<WorkbenchDbContext>(o => o.UseWorkbenchDatabase(database.Settings))
            .BuildServiceProvider();
        await using var _ = services;
        var pooled = services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>();
        using var writer = new SerialWriter(pooled);

        var shared = await writer.WriteAsync(db => Task.FromResult(db.Database.GetDbConnection()), Ct);
        for (var i = 0; i < 3; i++)
        {
            await using var db = await pooled.CreateDbContextAsync(Ct);
            Assert.NotSame(shared, db.Database.GetDbConnection());
        }

        Assert.Same(shared, await writer.WriteAsync(db => Task.FromResult(db.Database.GetDbConnection()), Ct));
    }

    [Fact]
    public async Task Write_OnTheSharedConnection_FreeTextIsStillRedacted()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var writer = new SerialWriter(database.Factory);
        var id = Guid.NewGuid();

        await writer.WriteAsync(
            async db =>
            {
                var run = NewRun(id);
                run.Output = "Write to jane.doe@example.org or call +44 20 7946 0958.";
                db.Runs.Add(run);
                return await db.SaveChangesAsync(Ct);
            },
            Ct);

        await using var check = await database.Factory.CreateDbContextAsync(Ct);
        var stored = (await check.Runs.SingleAsync(r => r.Id == id, Ct)).Output!;
        Assert.DoesNotContain("jane.doe@example.org", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("7946 0958", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe@example.org", await database.ReadRawAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_AfterAWriteThatFailed_TheNextOneGetsAFreshConnectionAndIsStored()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var writer = new SerialWriter(database.Factory);
        DbConnection? failedOn = null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync<int>(
            db =>
            {
                failedOn = db.Database.GetDbConnection();
                throw new InvalidOperationException("the write failed");
            },
            Ct));
        var id = Guid.NewGuid();
        var next = await AddRunAsync(writer, id);

        Assert.NotSame(failedOn, next);
        Assert.Equal(System.Data.ConnectionState.Closed, failedOn!.State);
        Assert.True(await ExistsAsync(database, id));
    }

    [Fact]
    public async Task Write_ThatLeavesATransactionOpen_IsRolledBackAndDoesNotSwallowTheNextWrite()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var writer = new SerialWriter(database.Factory);
        var (abandoned, next) = (Guid.NewGuid(), Guid.NewGuid());

        await writer.WriteAsync(
            async db =>
            {
                // Never committed, and begun behind EF's back (EF rolls back the transactions it knows of): a caller's bug.
                await db.Database.ExecuteSqlRawAsync("BEGIN;", Ct);
                db.Runs.Add(NewRun(abandoned));
                return await db.SaveChangesAsync(Ct);
            },
            Ct);
        await AddRunAsync(writer, next);

        Assert.False(await ExistsAsync(database, abandoned));
        Assert.True(await ExistsAsync(database, next));
    }

    [Fact]
    public async Task Write_ManyAtOnceOnSqlite_RunOneAfterAnother()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var writer = new SerialWriter(database.Factory);
        var (active, mostActive) = (0, 0);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(
            () => writer.WriteAsync(
                async db =>
                {
                    var now = Interlocked.Increment(ref active);
                    InterlockedMax(ref mostActive, now);
                    await Task.Delay(2, Ct);
                    db.Runs.Add(NewRun(Guid.NewGuid()));
                    await db.SaveChangesAsync(Ct);
                    return Interlocked.Decrement(ref active);
                },
                Ct),
            Ct)));

        Assert.Equal(1, mostActive);
        await using var check = await database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(20, await check.Runs.CountAsync(Ct));
    }

    [Fact]
    public async Task Write_ManyRows_TheLogIsCopiedIntoTheDatabaseFileInTheBackground()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var writer = new SerialWriter(database.Factory);
        var autoCheckpoint = await writer.WriteAsync(
            async db =>
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA wal_autocheckpoint;";
                return await command.ExecuteScalarAsync(Ct);
            },
            Ct);
        var file = new FileInfo(Path.Combine(database.DataDirectory, DatabasePaths.DatabaseFileName));
        var sizeBefore = file.Length;

        // Each run row is two changed rows (the run and, by trigger, its entry in the search queue, ADR-029).
        for (var i = 0; i < (SerialWriter.CheckpointEveryChanges / 2) + 1; i++)
        {
            await AddRunAsync(writer, Guid.NewGuid());
        }

        await writer.LatestCheckpoint.WaitAsync(Ct);

        Assert.Equal(0L, autoCheckpoint); // the shared connection never checkpoints inside a commit
        file.Refresh();
        Assert.True(file.Length > sizeBefore, $"The database file did not grow ({sizeBefore} -> {file.Length} bytes): no checkpoint ran.");
    }

    [Fact]
    public async Task Write_AfterDispose_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var writer = new SerialWriter(database.Factory);
        var connection = await writer.WriteAsync(db => Task.FromResult(db.Database.GetDbConnection()), Ct);

        writer.Dispose();

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(_ => Task.FromResult(0), Ct));
    }

    [Fact]
    public async Task Write_OnPostgreSql_EachWriteTakesAPooledConnection()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        using var writer = new SerialWriter(database.Factory);
        var id = Guid.NewGuid();

        var first = await writer.WriteAsync(db => Task.FromResult(db.Database.GetDbConnection()), Ct);
        var second = await AddRunAsync(writer, id);

        Assert.NotSame(first, second);
        Assert.True(await ExistsAsync(database, id));
    }

    /// <summary>Stores a run through <paramref name="writer"/>; returns the connection it was written on.</summary>
    private static Task<DbConnection> AddRunAsync(SerialWriter writer, Guid id) => writer.WriteAsync(
        async db =>
        {
            db.Runs.Add(NewRun(id));
            await db.SaveChangesAsync(Ct);
            return db.Database.GetDbConnection();
        },
        Ct);

    private static RunEntity NewRun(Guid id) => new()
    {
        Id = id,
        TemplateName = "serial-writer",
        Status = RunStatus.Queued,
        CreatedAtUtc = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc),
    };

    private static async Task<bool> ExistsAsync(TestDatabase database, Guid id)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        return await db.Runs.AnyAsync(r => r.Id == id, Ct);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

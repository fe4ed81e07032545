using Microsoft.EntityFrameworkCore;

namespace Workbench.Core.Tests.Persistence;

public class SqlitePragmaInterceptorTests
{
    [Fact]
    public async Task Open_EveryConnection_IsInWalWithSynchronousNormal()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var connection = db.Database.GetDbConnection();

        await using var synchronous = connection.CreateCommand();
        synchronous.CommandText = "PRAGMA synchronous;";
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode;";

        Assert.Equal(1L, await synchronous.ExecuteScalarAsync(TestContext.Current.CancellationToken)); // 1 = NORMAL (FULL is 2)
        Assert.Equal("wal", await journal.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Open_EveryConnection_WaitsInSqliteForTheWriteLock()
    {
        // Without a busy timeout SQLite answers "busy" at once and Microsoft.Data.Sqlite sleeps 150 ms before retrying,
        // which made every contended write of a batch cost 150 ms (ADR-025).
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var busyTimeout = db.Database.GetDbConnection().CreateCommand();
        busyTimeout.CommandText = "PRAGMA busy_timeout;";

        Assert.Equal((long)Workbench.Core.Persistence.SqlitePragmaInterceptor.BusyTimeoutMilliseconds, await busyTimeout.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}

using System.Data;
using Microsoft.EntityFrameworkCore;

namespace Workbench.Core.Persistence;

/// <summary>
/// SQLite housekeeping: <c>PRAGMA secure_delete</c> for deletes (freed content is zeroed), <c>VACUUM</c> to rebuild the
/// file and <c>PRAGMA wal_checkpoint(TRUNCATE)</c> to empty the write-ahead log. VACUUM cannot run inside a transaction
/// or with an active statement on its connection, so it runs on a fresh context of its own.
/// </summary>
public sealed class SqliteDatabaseMaintenance(IDbContextFactory<WorkbenchDbContext> dbFactory) : IDatabaseMaintenance
{
    public async Task<IAsyncDisposable> BeginSecureDeleteAsync(WorkbenchDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return NoOp.Instance;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken);
        return new SecureDeleteScope(db);
    }

    public async Task<DatabaseCompaction> CompactAsync(bool rebuild, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return new DatabaseCompaction(false, false);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (rebuild)
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
            }

            // Returns (busy, log frames, checkpointed frames); busy = 1 when a reader kept the log from being emptied.
            var connection = db.Database.GetDbConnection();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
            var busy = await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) != 0;
            return new DatabaseCompaction(rebuild, !busy);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class SecureDeleteScope(WorkbenchDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // The connection goes back to the pool: leave it as every other connection is.
            if (db.Database.GetDbConnection().State == ConnectionState.Open)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = OFF;");
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class NoOp : IAsyncDisposable
    {
        public static readonly NoOp Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

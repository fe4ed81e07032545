using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Persistence.Sql;

namespace Workbench.Core.Persistence;

/// <summary>
/// Creates the data directory, applies pending migrations (each engine has its own: ADR-020) and switches SQLite to
/// WAL; runs before the app serves. On PostgreSQL several nodes may start at once against one database: the whole step
/// runs under a session-level advisory lock (<see cref="PostgreSqlMigrationLock"/>), so one node migrates while the others
/// wait and then find nothing pending (ADR-023).
/// </summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<WorkbenchDbContext> dbFactory,
    DataDirectory dataDirectory,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(dataDirectory.Path);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsPostgreSql())
        {
            // The lock belongs to the session, so the context keeps one connection open from lock to unlock.
            await db.Database.OpenConnectionAsync(cancellationToken);
            LogWaitingForMigrationLock(logger);
            await db.Database.ExecuteSqlRawAsync(PostgreSqlMigrationLock.Acquire, cancellationToken);
            try
            {
                await MigrateAsync(db, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync(PostgreSqlMigrationLock.Release, CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }

            // The server and database are in the connection string, which is a secret: not logged.
            LogServerDatabaseReady(logger, db.Database.ProviderName ?? "unknown");
            return;
        }

        await MigrateAsync(db, cancellationToken);

        // WAL lets readers (every open page) proceed while a writer saves; the mode is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        LogDatabaseReady(logger, dataDirectory.Path);
    }

    private async Task MigrateAsync(WorkbenchDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogApplyingMigrations(logger, pending.Count, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waiting for the PostgreSQL migration lock (another node may be migrating)")]
    private static partial void LogWaitingForMigrationLock(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s): {Migrations}")]
    private static partial void LogApplyingMigrations(ILogger logger, int count, IReadOnlyList<string> migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready (provider {Provider})")]
    private static partial void LogServerDatabaseReady(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready in {DataDirectory}")]
    private static partial void LogDatabaseReady(ILogger logger, string dataDirectory);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Workbench.Core.Persistence;

/// <summary>
/// Creates the data directory, applies pending migrations (each engine has its own: ADR-020) and switches SQLite to
/// WAL; runs before the app serves.
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
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogApplyingMigrations(logger, pending.Count, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            // WAL lets readers (every open page) proceed while a writer saves; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            LogDatabaseReady(logger, dataDirectory.Path);
        }
        else
        {
            // The server and database are in the connection string, which is a secret: not logged.
            LogServerDatabaseReady(logger, db.Database.ProviderName ?? "unknown");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s): {Migrations}")]
    private static partial void LogApplyingMigrations(ILogger logger, int count, IReadOnlyList<string> migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready (provider {Provider})")]
    private static partial void LogServerDatabaseReady(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready in {DataDirectory}")]
    private static partial void LogDatabaseReady(ILogger logger, string dataDirectory);
}

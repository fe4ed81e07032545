using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Workbench.Core.Persistence;

/// <summary>Creates the data directory, switches SQLite to WAL and applies pending migrations; runs before the app serves.</summary>
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

        // WAL lets readers (every open page) proceed while a writer saves; the mode is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        LogDatabaseReady(logger, dataDirectory.Path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s): {Migrations}")]
    private static partial void LogApplyingMigrations(ILogger logger, int count, IReadOnlyList<string> migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready in {DataDirectory}")]
    private static partial void LogDatabaseReady(ILogger logger, string dataDirectory);
}

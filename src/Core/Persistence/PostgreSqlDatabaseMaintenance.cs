using Microsoft.EntityFrameworkCore;

namespace Workbench.Core.Persistence;

/// <summary>
/// PostgreSQL housekeeping after deletes (ADR-020). PostgreSQL has no <c>secure_delete</c>: a deleted row stays in its
/// page as a dead tuple until <c>VACUUM</c> marks the space free, and its bytes stay on disk until a later write reuses
/// the space. <see cref="CompactAsync"/> runs a plain <c>VACUUM</c> over the run tables (no exclusive lock, so other
/// nodes keep working); <c>VACUUM FULL</c>, which rewrites the files, is left to the operator (SECURITY.md).
/// </summary>
public sealed class PostgreSqlDatabaseMaintenance(IDbContextFactory<WorkbenchDbContext> dbFactory) : IDatabaseMaintenance
{
    /// <summary>The tables whose rows carry prompts and outputs and are deleted by retention and run deletion.</summary>
    private const string Vacuum = """VACUUM "Runs", "RunAttempts", "RunVerdicts";""";

    public Task<IAsyncDisposable> BeginSecureDeleteAsync(WorkbenchDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Task.FromResult<IAsyncDisposable>(NoOp.Instance);
    }

    public async Task<DatabaseCompaction> CompactAsync(bool rebuild, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsPostgreSql())
        {
            return new DatabaseCompaction(false, false);
        }

        // VACUUM cannot run inside a transaction block: ExecuteSqlRaw outside a transaction sends it on its own.
        await db.Database.ExecuteSqlRawAsync(Vacuum, cancellationToken);
        return new DatabaseCompaction(Rebuilt: false, LogTruncated: false);
    }

    private sealed class NoOp : IAsyncDisposable
    {
        public static readonly NoOp Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

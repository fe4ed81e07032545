namespace Workbench.Core.Persistence;

/// <summary>
/// Provider-specific housekeeping after deletes, so that deleted data leaves the database files. The rest of the code
/// deletes through EF Core (provider-agnostic); only this seam knows the engine (SQLite today).
/// </summary>
public interface IDatabaseMaintenance
{
    /// <summary>
    /// Prepares <paramref name="db"/>'s connection so that the deletes it runs overwrite the removed content instead of
    /// only unlinking it. Dispose the result when the deletes are done.
    /// </summary>
    Task<IAsyncDisposable> BeginSecureDeleteAsync(WorkbenchDbContext db, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes deleted data leave the files: with <paramref name="rebuild"/> the database is rebuilt (SQLite <c>VACUUM</c>);
    /// in every case the write-ahead log is folded into the database and truncated. Never call it inside a transaction.
    /// </summary>
    Task<DatabaseCompaction> CompactAsync(bool rebuild, CancellationToken cancellationToken = default);
}

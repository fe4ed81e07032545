using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workbench.Core.Persistence;

/// <summary>
/// Runs frequent small writes one after another on one open SQLite connection (ADR-026). SQLite has one writer at a time
/// anyway; what this keeps is the connection's page cache. In WAL mode a connection discards its whole cache whenever
/// another connection has committed since its last transaction, so writes that take a different pooled connection each
/// time re-read every table and index page they touch (measured: a run insert 157 µs alone on one connection, 434 µs when
/// another connection writes in between). On PostgreSQL, a server with its own cache, each write takes a pooled
/// connection as before and writes run concurrently.
/// </summary>
/// <remarks>
/// Each write gets a fresh (or reset, pooled) context of the writer's own with the factory's interceptors, so change
/// tracking and redaction are unchanged; only the connection is shared. A write that fails drops the connection, so a
/// broken connection or an unfinished transaction never reaches the next write.
/// </remarks>
public sealed class SerialWriter(IDbContextFactory<WorkbenchDbContext> dbFactory) : IDisposable
{
    /// <summary>
    /// After this many changed rows (triggers included; a run makes about six) the log is copied into the database
    /// file in the background (ADR-026): about the 1,000 log pages at which SQLite would otherwise do it inside a commit.
    /// </summary>
    internal const int CheckpointEveryChanges = 500;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private Engine? _engine;
    private PooledDbContextFactory<WorkbenchDbContext>? _sharedContexts;
    private long _changesAtCheckpoint;
    private Task _checkpoint = Task.CompletedTask;
    private bool _disposed;

    /// <summary>The latest background checkpoint (completed when none is running).</summary>
    internal Task LatestCheckpoint => _checkpoint;

    /// <summary>Runs <paramref name="write"/> with a new context: on SQLite after the previous write, on the shared connection.</summary>
    public async Task<T> WriteAsync<T>(Func<WorkbenchDbContext, Task<T>> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!await IsSqliteAsync(cancellationToken).ConfigureAwait(false))
        {
            var pooled = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (pooled.ConfigureAwait(false))
            {
                return await write(pooled).ConfigureAwait(false);
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Contexts of its own, never the factory's: the app's factory pools contexts (ADR-019), and a pooled context
            // keeps a connection given to it, so its next lease would read on the shared connection, inside another
            // write's transaction. These are pooled too (a new context per write cost ≈ 0.2 ms each), with the shared
            // connection in their options.
            _connection ??= Open(_engine!.ConnectionString);
            _sharedContexts ??= new PooledDbContextFactory<WorkbenchDbContext>(OptionsOn(_engine!.Options, _connection), poolSize: 4);
            var db = _sharedContexts.CreateDbContext();
            await using (db.ConfigureAwait(false))
            {
                return await WriteOnSharedAsync(db, write).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the shared connection (the app is stopping) after a running checkpoint has finished.</summary>
    public void Dispose()
    {
        _gate.Wait();
        _checkpoint.GetAwaiter().GetResult();
        try
        {
            _disposed = true;
            DropConnection();
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
    }

    /// <summary>The engine, read once from a context of the factory (with what the shared connection needs on SQLite).</summary>
    private async ValueTask<bool> IsSqliteAsync(CancellationToken cancellationToken)
    {
        if (_engine is null)
        {
            var probe = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (probe.ConfigureAwait(false))
            {
                _engine = new Engine(
                    probe.Database.IsSqlite(),
                    probe.Database.GetConnectionString() ?? "",
                    (DbContextOptions<WorkbenchDbContext>)probe.GetService<IDbContextOptions>());
            }
        }

        return _engine.IsSqlite;
    }

    private async Task<T> WriteOnSharedAsync<T>(WorkbenchDbContext db, Func<WorkbenchDbContext, Task<T>> write)
    {
        try
        {
            var result = await write(db).ConfigureAwait(false);
            if (_connection is not null && SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
            {
                // The write left a transaction open behind EF's back (EF rolls back its own when the context is disposed):
                // closing the connection rolls it back, so it can never swallow the next write's changes.
                DropConnection();
            }

            CheckpointNowAndThen();
            return result;
        }
        catch
        {
            DropConnection();
            throw;
        }
    }

    private static SqliteConnection Open(string connectionString)
    {
        // Not pooled: a dropped connection is closed, not handed to the next caller of the pool.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            connection.Open();
            SqlitePragmaInterceptor.Apply(connection);
            using var noAutoCheckpoint = connection.CreateCommand();
            noAutoCheckpoint.CommandText = "PRAGMA wal_autocheckpoint=0;";
            noAutoCheckpoint.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SQLite copies the log into the database file (a checkpoint, with an fsync) inside whichever commit makes the log
    /// pass 1,000 pages: every ~20th run paid several milliseconds. The shared connection does not do that; after
    /// <see cref="CheckpointEveryChanges"/> changed rows a passive checkpoint runs on another connection while writes go
    /// on. Other connections keep SQLite's automatic checkpoint, so the log stays bounded whoever writes.
    /// </summary>
    private void CheckpointNowAndThen()
    {
        if (_connection is null || _engine is null || !_checkpoint.IsCompleted)
        {
            return;
        }

        var changes = SQLitePCL.raw.sqlite3_total_changes(_connection.Handle);
        if (changes - _changesAtCheckpoint < CheckpointEveryChanges)
        {
            return;
        }

        _changesAtCheckpoint = changes;
        var connectionString = _engine.ConnectionString;
        _checkpoint = Task.Run(() => Checkpoint(connectionString));
    }

#pragma warning disable CA1031 // background upkeep: whatever fails here, the next writes try again and nothing is lost
    private static void Checkpoint(string connectionString)
    {
        try
        {
            // ReadWrite, not ReadWriteCreate: a database removed meanwhile is not created again as an empty file.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString());
            connection.Open();
            SqlitePragmaInterceptor.Apply(connection);
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            checkpoint.ExecuteNonQuery();
        }
        catch (Exception)
        {
            // A checkpoint that cannot run now (the file is busy or gone) runs after the next writes; nothing is lost.
        }
    }
#pragma warning restore CA1031

    /// <summary>
    /// The factory's core options (interceptors, so redaction, the app's logging, warnings) on the shared connection.
    /// </summary>
    private static DbContextOptions<WorkbenchDbContext> OptionsOn(DbContextOptions<WorkbenchDbContext> factoryOptions, SqliteConnection connection)
    {
        var builder = new DbContextOptionsBuilder<WorkbenchDbContext>();
        if (factoryOptions.FindExtension<CoreOptionsExtension>() is { } core)
        {
            ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(core);
        }

        return builder.UseSqlite(connection).Options;
    }

    private void DropConnection()
    {
        _connection?.Dispose();
        _connection = null;
        _sharedContexts = null;
        _changesAtCheckpoint = 0;
    }

    /// <summary>What the factory's contexts are configured with (one reference, so it is published whole).</summary>
    private sealed record Engine(bool IsSqlite, string ConnectionString, DbContextOptions<WorkbenchDbContext> Options);
}

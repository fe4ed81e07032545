using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workbench.Core.Persistence.Sql;

namespace Workbench.Core.Persistence;

/// <summary>
/// Indexes the runs waiting in SQLite's <c>RunSearchPending</c> queue (ADR-029): run writes only queue a run, and this
/// brings the full-text index up to date, in chunks of <see cref="ChunkSize"/> runs, each chunk in one write transaction.
/// Called in the background after run results are stored and by the search before it queries, so a search sees every
/// committed run. On PostgreSQL, whose index is a generated column, there is nothing to do.
/// </summary>
public static class RunSearchIndex
{
    /// <summary>
    /// Queue entries indexed per transaction: large enough that a segment holds many runs, small enough that the run
    /// writes waiting for the write lock meanwhile wait milliseconds, not seconds.
    /// </summary>
    internal const int ChunkSize = 500;

    /// <summary>Indexes every run queued so far; returns how many queue entries it took (0 when none were pending).</summary>
    public static async Task<int> CatchUpAsync(WorkbenchDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return 0;
        }

        var taken = 0;
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is taken before the queue is read, so no
                // run write can queue or change a run between reading the chunk and taking it off the queue.
                var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var connection = (SqliteConnection)db.Database.GetDbConnection();
                    var dbTransaction = (SqliteTransaction)transaction.GetDbTransaction();
                    var (last, count) = await NextChunkAsync(connection, dbTransaction, cancellationToken).ConfigureAwait(false);
                    if (last is null)
                    {
                        return taken;
                    }

                    await using (var index = connection.CreateCommand())
                    {
                        index.Transaction = dbTransaction;
                        index.CommandText = RunSearchSql.IndexPending;
                        index.Parameters.AddWithValue("$last", last.Value);
                        await index.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    taken += count;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task<(long? Last, int Count)> NextChunkAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var chunk = connection.CreateCommand();
        chunk.Transaction = transaction;
        chunk.CommandText = RunSearchSql.PendingChunkEnd;
        chunk.Parameters.AddWithValue("$chunk", ChunkSize);
        await using var reader = await chunk.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0)
            ? (reader.GetInt64(0), reader.GetInt32(1))
            : (null, 0);
    }
}

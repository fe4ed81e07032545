using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Workbench.Core.Batches;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;

namespace Workbench.Core.Work;

/// <summary>
/// The PostgreSQL work queue table (<c>WorkItems</c>, ADR-022): claims with <c>FOR UPDATE SKIP LOCKED</c> under a
/// transaction-scoped advisory lock (so the per-batch and per-provider counts of live leases are exact across nodes),
/// lease renewal, release, and the sweep of what cannot run any more. Lease times use the database's clock, so the
/// nodes' clocks need not agree.
/// </summary>
public sealed class WorkItemStore(IDbContextFactory<WorkbenchDbContext> dbFactory, DatabaseSettings settings, TimeProvider time)
{
    /// <summary>The advisory lock that serializes claims (any constant unique to this use).</summary>
    public const long ClaimLockKey = 0x5742_5155_4555_4531;

    /// <summary>Candidates read per claim (rows beyond the limits of a batch or provider are skipped, not taken).</summary>
    private const int ScanSize = 256;

    public const string UnreadablePayloadReason = "This run could not be executed: its sealed inputs could not be opened on the node that claimed it (do all nodes share the data-protection keys?). Run it again.";

    public const string OrphanReason = "This run was left unfinished without a queue entry (the app stopped before the work queue existed, or its entry was lost). Run it again.";

    public const string AbandonedCancelReason = "Cancelled; the node executing it stopped before storing its result.";

    private const string Unfinished = "('Queued','Running')";

    /// <summary>Claims up to the free slots of work whose lease is absent or expired, honouring every limit.</summary>
    public async Task<IReadOnlyList<ClaimedWork>> ClaimAsync(string node, WorkClaimLimits limits, double leaseSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.SingleSlots <= 0 && limits.BatchSlots <= 0)
        {
            return [];
        }

        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", ClaimLockKey));

        var liveBatch = new Dictionary<Guid, int>();
        var liveProvider = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var live = Command(connection, transaction, """
            SELECT "BatchId", "Provider", count(*)::int FROM "WorkItems"
            WHERE "LeaseExpiresAtUtc" > clock_timestamp() GROUP BY "BatchId", "Provider"
            """))
        await using (var reader = await live.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt32(2);
                if (!reader.IsDBNull(0))
                {
                    var batch = reader.GetGuid(0);
                    liveBatch[batch] = liveBatch.GetValueOrDefault(batch) + count;
                }

                var provider = reader.GetString(1);
                liveProvider[provider] = liveProvider.GetValueOrDefault(provider) + count;
            }
        }

        var chosen = new List<(Guid RunId, Guid Token)>();
        var singles = limits.SingleSlots;
        var batchSlots = limits.BatchSlots;
        var localBatches = new HashSet<Guid>(limits.LocalBatches);
        await using (var candidates = Command(connection, transaction, $"""
            SELECT w."RunId", w."BatchId", w."Provider", b."Concurrency"
            FROM "WorkItems" w LEFT JOIN "Batches" b ON b."Id" = w."BatchId"
            WHERE (w."LeaseExpiresAtUtc" IS NULL OR w."LeaseExpiresAtUtc" <= clock_timestamp())
              AND NOT w."CancelRequested"
              AND (w."BatchId" IS NULL OR b."Status" IN {Unfinished})
            ORDER BY w."EnqueuedAtUtc", w."RunId"
            LIMIT {ScanSize}
            FOR UPDATE OF w SKIP LOCKED
            """))
        await using (var reader = await candidates.ExecuteReaderAsync(cancellationToken))
        {
            while ((singles > 0 || batchSlots > 0) && await reader.ReadAsync(cancellationToken))
            {
                var runId = reader.GetGuid(0);
                Guid? batch = reader.IsDBNull(1) ? null : reader.GetGuid(1);
                var provider = reader.GetString(2);
                if (limits.ProviderLimits.TryGetValue(provider, out var providerLimit) && liveProvider.GetValueOrDefault(provider) >= providerLimit)
                {
                    continue;
                }

                if (batch is not { } batchId)
                {
                    if (singles == 0)
                    {
                        continue;
                    }

                    singles--;
                }
                else
                {
                    var concurrency = reader.IsDBNull(3) ? 1 : reader.GetInt32(3);
                    if (batchSlots == 0 || liveBatch.GetValueOrDefault(batchId) >= concurrency
                        || (!localBatches.Contains(batchId) && localBatches.Count >= limits.MaxLocalBatches))
                    {
                        continue;
                    }

                    batchSlots--;
                    localBatches.Add(batchId);
                    liveBatch[batchId] = liveBatch.GetValueOrDefault(batchId) + 1;
                }

                liveProvider[provider] = liveProvider.GetValueOrDefault(provider) + 1;
                chosen.Add((runId, Guid.NewGuid()));
            }
        }

        if (chosen.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var claimed = new List<ClaimedWork>(chosen.Count);
        await using (var update = Command(connection, transaction, """
            UPDATE "WorkItems" w SET "LeasedBy" = @node, "LeaseToken" = t.token, "Claims" = w."Claims" + 1,
                "LeaseExpiresAtUtc" = clock_timestamp() + make_interval(secs => @lease)
            FROM unnest(@ids, @tokens) AS t(id, token)
            WHERE w."RunId" = t.id
            RETURNING w."RunId", w."BatchId", w."Provider", w."LeaseToken", w."Claims", w."Payload"
            """, ("node", node), ("lease", leaseSeconds), ("ids", chosen.Select(c => c.RunId).ToArray()), ("tokens", chosen.Select(c => c.Token).ToArray())))
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedWork(
                    reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.GetInt32(4), (byte[])reader[5]));
            }
        }

        // Taken over from a node that stopped renewing: the run goes back to queued so this node can mark it running.
        var reclaimed = claimed.Where(c => c.Claims > 1).Select(c => c.RunId).ToArray();
        if (reclaimed.Length > 0)
        {
            await ExecuteAsync(connection, transaction, """UPDATE "Runs" SET "Status" = 'Queued' WHERE "Id" = ANY(@ids) AND "Status" = 'Running'""", cancellationToken, ("ids", reclaimed));
        }

        var batches = claimed.Where(c => c.BatchId is not null && !limits.LocalBatches.Contains(c.BatchId.Value)).Select(c => c.BatchId!.Value).Distinct().ToArray();
        if (batches.Length > 0)
        {
            await ExecuteAsync(connection, transaction, """UPDATE "Batches" SET "Status" = 'Running', "StartedAtUtc" = @now WHERE "Id" = ANY(@ids) AND "Status" = 'Queued'""",
                cancellationToken, ("ids", batches), ("now", time.GetUtcNow().UtcDateTime));
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>Renews the leases this node holds; returns, per token still held, whether a cancel was requested. Missing tokens were taken over.</summary>
    public async Task<IReadOnlyDictionary<Guid, bool>> RenewAsync(IReadOnlyCollection<Guid> tokens, double leaseSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var held = new Dictionary<Guid, bool>();
        if (tokens.Count == 0)
        {
            return held;
        }

        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var renew = Command(connection, null, """
            UPDATE "WorkItems" SET "LeaseExpiresAtUtc" = clock_timestamp() + make_interval(secs => @lease)
            WHERE "LeaseToken" = ANY(@tokens) RETURNING "LeaseToken", "CancelRequested"
            """, ("lease", leaseSeconds), ("tokens", tokens.ToArray()));
        await using var reader = await renew.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held[reader.GetGuid(0)] = reader.GetBoolean(1);
        }

        return held;
    }

    /// <summary>Inside the final write's transaction: removes the item if <paramref name="token"/> still holds it (false = the lease was lost).</summary>
    internal static async Task<bool> TakeAsync(WorkbenchDbContext db, Guid runId, Guid token, CancellationToken cancellationToken) =>
        await db.WorkItems.Where(w => w.RunId == runId && w.LeaseToken == token).ExecuteDeleteAsync(cancellationToken) == 1;

    /// <summary>Gives a claimed item back (graceful shutdown): the lease ends now and the run is queued again for any node.</summary>
    public async Task ReleaseAsync(Guid runId, Guid token, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var released = await db.WorkItems.Where(w => w.RunId == runId && w.LeaseToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeasedBy, (string?)null).SetProperty(w => w.LeaseToken, (Guid?)null).SetProperty(w => w.LeaseExpiresAtUtc, (DateTime?)null), cancellationToken);
        if (released == 1)
        {
            await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Queued).SetProperty(r => r.StartedAtUtc, (DateTime?)null), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes a claimed item whose run did not start (cancelled meanwhile), if the token still holds it.</summary>
    public async Task DropAsync(Guid runId, Guid token, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WorkItems.Where(w => w.RunId == runId && w.LeaseToken == token).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends a claimed item that cannot run (its payload does not open): the run is stored with <paramref name="status"/> and the reason.</summary>
    public async Task<bool> DiscardAsync(Guid runId, Guid token, RunStatus status, string reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await TakeAsync(db, runId, token, cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.Runs.Where(r => r.Id == runId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.StatusReason, reason).SetProperty(r => r.FinishedAtUtc, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Marks the batch completed if none of its runs is queued or running any more (conditional: whichever node stores
    /// the last run wins, the others change nothing). True when this call finished it.
    /// </summary>
    public async Task<bool> FinishBatchIfDoneAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Batches
            .Where(b => b.Id == batchId && (b.Status == BatchStatus.Queued || b.Status == BatchStatus.Running)
                && !db.Runs.Any(r => r.BatchId == batchId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running)))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BatchStatus.Completed).SetProperty(b => b.FinishedAtUtc, now), cancellationToken) == 1;
    }

    /// <summary>
    /// Cancels a run from any node: a queued run is stored as cancelled and its waiting item removed; an executing one
    /// gets a cancel request its node sees on its next heartbeat (or at once through a notification). False when it is final or unknown.
    /// </summary>
    public async Task<bool> CancelRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var cancelled = await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.StatusReason, "Cancelled before it started."), cancellationToken);
        if (cancelled == 1)
        {
            // A claimed item goes when its claimer finds the run no longer queued.
            await db.WorkItems.Where(w => w.RunId == runId && w.LeaseToken == null).ExecuteDeleteAsync(cancellationToken);
        }

        var requested = cancelled == 1 ? 0 : await db.WorkItems.Where(w => w.RunId == runId && db.Runs.Any(r => r.Id == runId && r.Status == RunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.CancelRequested, true), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return cancelled == 1 || requested == 1;
    }

    /// <summary>
    /// Cancels a batch from any node, in one transaction: the batch is stored as cancelled, its runs that have not started
    /// as cancelled (their waiting items removed), and its executing runs get a cancel request.
    /// </summary>
    public async Task CancelBatchAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Batches.Where(b => b.Id == batchId && (b.Status == BatchStatus.Queued || b.Status == BatchStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BatchStatus.Cancelled).SetProperty(b => b.FinishedAtUtc, now).SetProperty(b => b.StatusReason, "Cancelled."), cancellationToken);
        await db.Runs.Where(r => r.BatchId == batchId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.StatusReason, "The batch was cancelled before this run started."), cancellationToken);
        await db.WorkItems.Where(w => w.BatchId == batchId && w.LeaseToken == null).ExecuteDeleteAsync(cancellationToken);
        await db.WorkItems.Where(w => w.BatchId == batchId).ExecuteUpdateAsync(s => s.SetProperty(w => w.CancelRequested, true), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Tidies what no claim will take (at start-up and every lease period, on any node): expired items that were to be
    /// cancelled, or whose run or batch is final, end their run as cancelled; unfinished runs without an item (left by
    /// a process from before the queue) are interrupted; unfinished batches with no unfinished run are finished.
    /// Returns how many runs it ended.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", ClaimLockKey));
        var now = time.GetUtcNow().UtcDateTime;
        var ended = await ExecuteAsync(connection, transaction, $"""
            WITH dead AS (
                DELETE FROM "WorkItems" w
                WHERE (w."LeaseExpiresAtUtc" IS NULL OR w."LeaseExpiresAtUtc" <= clock_timestamp())
                  AND (w."CancelRequested"
                       OR NOT EXISTS (SELECT 1 FROM "Runs" r WHERE r."Id" = w."RunId" AND r."Status" IN {Unfinished})
                       OR EXISTS (SELECT 1 FROM "Batches" b WHERE b."Id" = w."BatchId" AND b."Status" NOT IN {Unfinished}))
                RETURNING w."RunId")
            UPDATE "Runs" r SET "Status" = 'Cancelled', "StatusReason" = @cancelReason, "FinishedAtUtc" = @now
            FROM dead WHERE r."Id" = dead."RunId" AND r."Status" IN {Unfinished}
            """, cancellationToken, ("cancelReason", AbandonedCancelReason), ("now", now));
        var orphanBatches = new List<Guid>();
        await using (var orphans = Command(connection, transaction, $"""
            UPDATE "Runs" r SET "Status" = 'Interrupted', "StatusReason" = @reason, "FinishedAtUtc" = @now
            WHERE r."Status" IN {Unfinished} AND NOT EXISTS (SELECT 1 FROM "WorkItems" w WHERE w."RunId" = r."Id")
            RETURNING r."BatchId"
            """, ("reason", OrphanReason), ("now", now)))
        await using (var reader = await orphans.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ended++;
                if (!reader.IsDBNull(0))
                {
                    orphanBatches.Add(reader.GetGuid(0));
                }
            }
        }

        if (orphanBatches.Count > 0)
        {
            await ExecuteAsync(connection, transaction, $"""
                UPDATE "Batches" SET "Status" = 'Interrupted', "StatusReason" = @reason, "FinishedAtUtc" = @now
                WHERE "Id" = ANY(@ids) AND "Status" IN {Unfinished}
                """, cancellationToken, ("reason", BatchRunner.RestartReason), ("ids", orphanBatches.Distinct().ToArray()), ("now", now));
        }

        await ExecuteAsync(connection, transaction, $"""
            UPDATE "Batches" b SET "Status" = 'Completed', "FinishedAtUtc" = @now
            WHERE b."Status" IN {Unfinished}
              AND NOT EXISTS (SELECT 1 FROM "Runs" r WHERE r."BatchId" = b."Id" AND r."Status" IN {Unfinished})
            """, cancellationToken, ("now", now));
        await transaction.CommitAsync(cancellationToken);
        return ended;
    }

    /// <summary>Work items waiting or executing: single runs only, or all.</summary>
    public async Task<int> CountAsync(bool singleRunsOnly, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return singleRunsOnly ? await db.WorkItems.CountAsync(w => w.BatchId == null, cancellationToken) : await db.WorkItems.CountAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
#pragma warning disable CA2100 // the SQL is constant text; every value is a parameter
        var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value switch
            {
                DateTime at => new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = DateTime.SpecifyKind(at, DateTimeKind.Utc) },
                _ => new NpgsqlParameter(name, value),
            });
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

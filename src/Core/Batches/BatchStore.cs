using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;

namespace Workbench.Core.Batches;

/// <summary>
/// Saves and reads batches. A batch and all its runs (queued) are inserted in one transaction; counts are always read
/// from the runs, so what a summary says is what is stored.
/// </summary>
public sealed class BatchStore(IDbContextFactory<WorkbenchDbContext> dbFactory, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static string SerializeSettings(IReadOnlyList<BatchSetting> settings) => JsonSerializer.Serialize(settings, Json);

    internal static List<BatchSetting> DeserializeSettings(string json) => JsonSerializer.Deserialize<List<BatchSetting>>(json, Json) ?? [];

    /// <summary>Inserts the batch and its queued runs in one transaction (all or nothing).</summary>
    internal async Task CreateAsync(BatchEntity batch, IReadOnlyList<RunEntity> runs, CancellationToken cancellationToken, IReadOnlyList<WorkItemEntity>? workItems = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Batches.Add(batch);
        if (workItems is not null)
        {
            db.WorkItems.AddRange(workItems); // PostgreSQL (ADR-022): the sealed work, in the same transaction as its runs
        }

        if (RunRows.For(db) is { } rows)
        {
            // SQLite: the runs through the prepared insert (ADR-028), in the batch row's transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await rows.InsertQueuedAsync(db, runs, (SqliteTransaction)transaction.GetDbTransaction());
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        db.Runs.AddRange(runs);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Queued → running; false when the batch is no longer queued.</summary>
    public async Task<bool> MarkRunningAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Batches.Where(b => b.Id == id && b.Status == BatchStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BatchStatus.Running).SetProperty(b => b.StartedAtUtc, now), cancellationToken) == 1;
    }

    /// <summary>Sets a final status unless the batch already has one.</summary>
    public async Task<bool> FinishAsync(Guid id, BatchStatus status, string? reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Batches.Where(b => b.Id == id && (b.Status == BatchStatus.Queued || b.Status == BatchStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, status).SetProperty(b => b.FinishedAtUtc, now).SetProperty(b => b.StatusReason, reason), cancellationToken) == 1;
    }

    /// <summary>Marks the batch's runs that never started as cancelled.</summary>
    public async Task<int> CancelQueuedRunsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Runs.Where(r => r.BatchId == id && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.StatusReason, "The batch was cancelled before this run started."), cancellationToken);
    }

    /// <summary>Marks the batch's runs that never started as interrupted with <paramref name="reason"/>.</summary>
    public async Task<int> InterruptQueuedRunsAsync(Guid id, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Runs.Where(r => r.BatchId == id && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Interrupted).SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.StatusReason, reason), cancellationToken);
    }

    /// <summary>
    /// At start-up: batches left queued or running by a previous process (a crash, a kill) become interrupted with
    /// <paramref name="batchReason"/>, and their runs that were queued or running become interrupted with <paramref name="runReason"/>. Finished runs are left as stored.
    /// </summary>
    public async Task<int> InterruptUnfinishedAsync(string batchReason, string runReason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var ids = await db.Batches.Where(b => b.Status == BatchStatus.Queued || b.Status == BatchStatus.Running).Select(b => b.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Runs.Where(r => r.BatchId != null && ids.Contains(r.BatchId.Value) && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Interrupted).SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.StatusReason, runReason), cancellationToken);
        var count = await db.Batches.Where(b => ids.Contains(b.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BatchStatus.Interrupted).SetProperty(b => b.FinishedAtUtc, now).SetProperty(b => b.StatusReason, batchReason), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>The ids of the newest batches, newest first.</summary>
    public async Task<IReadOnlyList<Guid>> ListRecentIdsAsync(int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Batches.AsNoTracking().OrderByDescending(b => b.CreatedAtUtc).ThenByDescending(b => b.Id).Select(b => b.Id).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<BatchSummary?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var groups = await db.Runs.AsNoTracking()
            .Where(r => r.BatchId == id)
            .GroupBy(r => new { r.SettingIndex, r.Status, r.ExpectationPassed })
            .Select(g => new { g.Key.SettingIndex, g.Key.Status, g.Key.ExpectationPassed, Count = g.Count() })
            .ToListAsync(cancellationToken);

        int Count(Func<RunStatus, bool> match) => groups.Where(g => match(g.Status)).Sum(g => g.Count);
        var settings = DeserializeSettings(batch.SettingsJson);
        var perSetting = settings.Select((s, i) =>
        {
            var mine = groups.Where(g => g.SettingIndex == i).ToList();
            return new BatchSettingSummary(
                i,
                s.Provider,
                s.Model,
                mine.Sum(g => g.Count),
                mine.Where(g => IsFinal(g.Status)).Sum(g => g.Count),
                mine.Where(g => g.ExpectationPassed is not null).Sum(g => g.Count),
                mine.Where(g => g.ExpectationPassed == true).Sum(g => g.Count));
        }).ToList();

        return new BatchSummary(
            batch.Id,
            batch.Status,
            batch.StatusReason,
            batch.TemplateName,
            batch.TemplateVersion,
            batch.TestSet,
            batch.CaseCount,
            batch.Total,
            Count(s => s == RunStatus.Queued),
            Count(s => s == RunStatus.Running),
            Count(IsFinal),
            Count(s => s == RunStatus.Valid),
            Count(s => s == RunStatus.Repaired),
            Count(s => s == RunStatus.Invalid),
            Count(s => s == RunStatus.Failed),
            Count(s => s == RunStatus.Cancelled),
            Count(s => s == RunStatus.Interrupted),
            groups.Where(g => g.ExpectationPassed is not null).Sum(g => g.Count),
            groups.Where(g => g.ExpectationPassed == true).Sum(g => g.Count),
            batch.Concurrency,
            batch.CreatedAtUtc,
            batch.StartedAtUtc,
            batch.FinishedAtUtc,
            perSetting);
    }

    public async Task<BatchMatrix?> GetMatrixAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Batches.AsNoTracking().Where(b => b.Id == id).Select(b => new { b.SettingsJson, b.CaseCount }).FirstOrDefaultAsync(cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.BatchId == id)
            .OrderBy(r => r.CaseIndex).ThenBy(r => r.SettingIndex)
            .Select(r => new { r.Id, r.CaseIndex, r.SettingIndex, r.Status, r.StatusReason, r.AttemptCount, r.ExpectationKind, r.ExpectationPassed, r.ExpectationReason, r.VariablesJson })
            .ToListAsync(cancellationToken);
        var attempts = await db.RunAttempts.AsNoTracking()
            .Where(a => db.Runs.Any(r => r.Id == a.RunId && r.BatchId == id))
            .Select(a => new { a.RunId, a.LatencyMs, a.CostUsd })
            .ToListAsync(cancellationToken);
        var byRun = attempts.GroupBy(a => a.RunId).ToDictionary(
            g => g.Key,
            g => (Latency: g.Sum(a => a.LatencyMs), Cost: g.Any(a => a.CostUsd is null) ? null : (decimal?)g.Sum(a => a.CostUsd!.Value)));

        var cells = runs.Select(r =>
        {
            var found = byRun.TryGetValue(r.Id, out var totals);
            return new BatchCell(
                r.CaseIndex ?? 0, r.SettingIndex ?? 0, r.Id, r.Status, r.StatusReason, r.AttemptCount,
                found ? totals.Latency : null, found ? totals.Cost : null,
                r.ExpectationKind, r.ExpectationPassed, r.ExpectationReason)
            {
                Variables = ReadVariables(r.VariablesJson),
            };
        }).ToList();
        return new BatchMatrix(id, DeserializeSettings(batch.SettingsJson), batch.CaseCount, cells);
    }

    private static Dictionary<string, string?>? ReadVariables(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string?>>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsFinal(RunStatus status) => status is not (RunStatus.Queued or RunStatus.Running);
}

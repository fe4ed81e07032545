using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Validation;

namespace Workbench.Core.Runs;

/// <summary>
/// Saves and reads runs. Every write goes through <see cref="WorkbenchDbContext"/>, whose
/// <see cref="RedactionInterceptor"/> redacts the free text: what is read back is the redacted form.
/// Deletes never touch queued or running runs; they overwrite the removed content and, after large deletes, compact the
/// database (<see cref="IDatabaseMaintenance"/>) so deleted data leaves the file.
/// </summary>
public sealed partial class RunStore(
    IDbContextFactory<WorkbenchDbContext> dbFactory, TimeProvider time, IDatabaseMaintenance? maintenance = null, ILogger<RunStore>? logger = null) : IDisposable
{
    /// <summary>
    /// How long after a stored result the full-text index catches up (ADR-029): results stored meanwhile are indexed
    /// together, in one transaction instead of one index segment each. A search catches up first anyway.
    /// </summary>
    internal static readonly TimeSpan SearchIndexDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>A delete that removes at least this many runs rebuilds the database file (SQLite <c>VACUUM</c>).</summary>
    public const int RebuildThreshold = 100;

    private const int DeleteBatchSize = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs that are over: the only ones a delete or a purge may remove.</summary>
    private static readonly Expression<Func<RunEntity, bool>> IsFinished = r => r.Status != RunStatus.Queued && r.Status != RunStatus.Running;

    private readonly IDatabaseMaintenance _maintenance = maintenance ?? new SqliteDatabaseMaintenance(dbFactory);

    /// <summary>
    /// The writes every run makes (queued, running, result): on SQLite one after another on one connection (ADR-026),
    /// "running" and "result" coalesced with those of concurrent runs (ADR-025).
    /// </summary>
    private readonly (SerialWriter Writer, WriteCoalescer<Guid, bool> MarkRunning, WriteCoalescer<(Guid Id, RunResult Result), bool> SaveResults) _writes = CreateWrites(dbFactory, time);

    private DelayedWork? _searchIndexing;

    /// <summary>The latest background round of search indexing (completed when none is pending).</summary>
    internal Task SearchIndexing => _searchIndexing?.Latest ?? Task.CompletedTask;

    /// <summary>Stores a new run as queued and returns its id.</summary>
    public async Task<Guid> AddQueuedAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = NewQueued(request, Guid.CreateVersion7(time.GetUtcNow()), time.GetUtcNow().UtcDateTime);
        await _writes.Writer.WriteAsync(
            async db =>
            {
                // SQLite: a prepared statement (ADR-028); PostgreSQL: EF Core.
                if (RunRows.For(db) is { } rows)
                {
                    return await rows.InsertQueuedAsync(db, run);
                }

                db.Runs.Add(run);
                return await db.SaveChangesAsync(cancellationToken);
            },
            cancellationToken);
        return run.Id;
    }

    /// <summary>Closes the connection of the run writes (the app is stopping); indexing not yet started is left to the next search.</summary>
    public void Dispose()
    {
        _searchIndexing?.Dispose();
        _writes.Writer.Dispose();
    }

    /// <summary>Asks for the full-text index to catch up with the results just stored, a little later (ADR-029).</summary>
    private void RequestSearchIndexing()
    {
        var indexing = _searchIndexing;
        if (indexing is null)
        {
            var created = new DelayedWork(IndexPendingRunsAsync, SearchIndexDelay, time);
            indexing = Interlocked.CompareExchange(ref _searchIndexing, created, null) ?? created;
            if (!ReferenceEquals(indexing, created))
            {
                created.Dispose();
            }
        }

        indexing.Request();
    }

#pragma warning disable CA1031 // background upkeep: a failure leaves the runs queued, and the next round or search indexes them
    private async Task IndexPendingRunsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // On the run writes' connection, between them: no second connection's commit empties that connection's cache.
            await _writes.Writer.WriteAsync(db => RunSearchIndex.CatchUpAsync(db, cancellationToken), cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // The store is stopping: what is still queued is indexed by the next search or the next start's first result.
        }
        catch (Exception exception)
        {
            // The type only: a database message may quote stored (redacted) text, and logs get no run content.
            if (logger is not null)
            {
                LogSearchIndexingFailed(logger, exception.GetType().Name);
            }
        }
    }
#pragma warning restore CA1031

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing stored runs for search failed ({ExceptionType}); the next search indexes them")]
    private static partial void LogSearchIndexingFailed(ILogger logger, string exceptionType);

    private static (SerialWriter, WriteCoalescer<Guid, bool>, WriteCoalescer<(Guid Id, RunResult Result), bool>) CreateWrites(IDbContextFactory<WorkbenchDbContext> dbFactory, TimeProvider time)
    {
        var writer = new SerialWriter(dbFactory);
        return (
            writer,
            new WriteCoalescer<Guid, bool>(ids => writer.WriteAsync(db => MarkRunningTogetherAsync(db, time, ids))),
            new WriteCoalescer<(Guid Id, RunResult Result), bool>(results => writer.WriteAsync(db => SaveResultsTogetherAsync(db, time, results))));
    }

    /// <summary>A new queued run row for <paramref name="request"/> (batches add many of them in one transaction).</summary>
    internal static RunEntity NewQueued(RunRequest request, Guid id, DateTime createdAtUtc) => new()
    {
        Id = id,
        TemplateName = request.Template.Trim(),
        RequestedVersion = request.Version,
        Label = request.Label,
        Provider = request.Provider,
        Model = request.Model,
        MaxAttempts = request.MaxAttempts,
        Status = RunStatus.Queued,
        VariablesJson = JsonSerializer.Serialize(request.Variables, Json),
        SimulationJson = request.Simulation is { } simulation ? JsonSerializer.Serialize(new { simulation.Faults, simulation.Seed }, Json) : null,
        BatchId = request.BatchId,
        StartedBy = request.RequestedBy,
        CreatedAtUtc = createdAtUtc,
    };

    /// <summary>
    /// Marks a queued run as running; false when it is no longer queued (cancelled meanwhile, or unknown). Runs starting
    /// together are marked in one transaction (<see cref="WriteCoalescer{TItem, TResult}"/>).
    /// </summary>
    public Task<bool> MarkRunningAsync(Guid id, CancellationToken cancellationToken = default) => _writes.MarkRunning.WriteAsync(id, cancellationToken);

    /// <summary>Marks several queued runs as running in one transaction; per id, whether it was still queued.</summary>
    internal static async Task<IReadOnlyList<bool>> MarkRunningTogetherAsync(WorkbenchDbContext db, TimeProvider time, IReadOnlyList<Guid> ids)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (RunRows.For(db) is { } rows)
        {
            return await rows.MarkRunningAsync(db, ids, now);
        }

        // One conditional update per run, so each caller learns whether its run was still queued (a cancel may have come
        // first), and one commit for all of them: the commit, not the statement, is what a write costs.
        await using var transaction = ids.Count > 1 ? await db.Database.BeginTransactionAsync() : null;
        var marked = new List<bool>(ids.Count);
        foreach (var id in ids)
        {
            var changed = await db.Runs
                .Where(r => r.Id == id && r.Status == RunStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.StartedAtUtc, now));
            marked.Add(changed == 1);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }

        return marked;
    }

    /// <summary>Marks a run that never started as cancelled; false when it had started or finished.</summary>
    public async Task<bool> CancelQueuedAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.Runs
            .Where(r => r.Id == id && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.StatusReason, "Cancelled before it started."), cancellationToken);
        return changed == 1;
    }

    /// <summary>Marks every queued or running run as interrupted (used at start-up: their work was lost with the process).</summary>
    public async Task<int> InterruptUnfinishedAsync(string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Runs
            .Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Interrupted).SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.StatusReason, reason), cancellationToken);
    }

    /// <summary>Marks the given runs interrupted if they are still queued (runs left in the queue when the app stops).</summary>
    public async Task<int> InterruptQueuedAsync(IReadOnlyCollection<Guid> ids, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Runs
            .Where(r => ids.Contains(r.Id) && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Interrupted).SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.StatusReason, reason), cancellationToken);
    }

    /// <summary>
    /// Stores the outcome and every attempt of a run (the free text is redacted on the way in). Results finishing
    /// together are stored in one transaction (<see cref="WriteCoalescer{TItem, TResult}"/>).
    /// </summary>
    public async Task SaveResultAsync(Guid id, RunResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!await _writes.SaveResults.WriteAsync((id, result), cancellationToken))
        {
            throw new InvalidOperationException("The run to save does not exist.");
        }

        RequestSearchIndexing();
    }

    /// <summary>Stores several results in one transaction; per result, whether its run exists (a missing one is skipped).</summary>
    internal static async Task<IReadOnlyList<bool>> SaveResultsTogetherAsync(WorkbenchDbContext db, TimeProvider time, IReadOnlyList<(Guid Id, RunResult Result)> results)
    {
        if (RunRows.For(db) is { } rows)
        {
            return await rows.SaveResultsAsync(db, results, time);
        }

        var ids = results.Select(r => r.Id).ToList();
        var runs = await db.Runs.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        var found = new List<bool>(results.Count);
        foreach (var (id, result) in results)
        {
            found.Add(runs.TryGetValue(id, out var run));
            if (run is not null)
            {
                Apply(db, time, run, result);
            }
        }

        await db.SaveChangesAsync();
        return found;
    }

    /// <summary>
    /// Stores the outcome like <see cref="SaveResultAsync"/>, but only if <paramref name="guard"/> (run first, in the same
    /// transaction) agrees and the run is not final yet; false = nothing stored (ADR-022: a node whose lease was taken
    /// over must neither overwrite nor duplicate a result).
    /// </summary>
    internal async Task<bool> SaveResultIfAsync(Guid id, RunResult result, Func<WorkbenchDbContext, CancellationToken, Task<bool>> guard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(guard);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await guard(db, cancellationToken))
        {
            return false;
        }

        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == id && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running), cancellationToken);
        if (run is null)
        {
            return false;
        }

        Apply(db, time, run, result);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        RequestSearchIndexing();
        return true;
    }

    private static void Apply(WorkbenchDbContext db, TimeProvider time, RunEntity run, RunResult result)
    {
        ApplyResult(run, result);
        db.RunAttempts.AddRange(AttemptRows(run.Id, result, time));
    }

    /// <summary>Sets a run's outcome columns from <paramref name="result"/> (the EF Core path and the prepared one, ADR-028).</summary>
    internal static void ApplyResult(RunEntity run, RunResult result)
    {
        run.Status = result.Status;
        run.StatusReason = result.StatusReason ?? run.StatusReason;
        run.TemplateId = result.TemplateId;
        run.TemplateVersion = result.TemplateVersion;
        run.Provider = result.Provider;
        run.Model = result.Model;
        run.SchemaId = result.SchemaId;
        run.SchemaVersion = result.SchemaVersion;
        run.Output = result.Output;
        run.Json = result.Json;
        run.ErrorsJson = JsonSerializer.Serialize(result.Errors, Json);
        run.AttemptCount = result.Attempts.Count;
        run.StartedAtUtc ??= result.StartedAtUtc;
        run.FinishedAtUtc = result.FinishedAtUtc;
        if (result.Expectation is { } expectation)
        {
            run.ExpectationKind = expectation.Kind;
            run.ExpectationPassed = expectation.Passed;
            run.ExpectationReason = expectation.Reason;
        }
    }

    /// <summary>The attempt rows of <paramref name="result"/> for the run <paramref name="runId"/>.</summary>
    internal static IEnumerable<RunAttemptEntity> AttemptRows(Guid runId, RunResult result, TimeProvider time)
    {
        foreach (var attempt in result.Attempts)
        {
            yield return new RunAttemptEntity
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                RunId = runId,
                Number = attempt.Number,
                Kind = attempt.Kind,
                Status = attempt.Status,
                MessagesJson = JsonSerializer.Serialize(attempt.Messages, Json),
                Output = attempt.Output,
                Json = attempt.Json,
                IssuesJson = JsonSerializer.Serialize(attempt.Issues, Json),
                TransportRetriesJson = JsonSerializer.Serialize(attempt.TransportRetries, Json),
                InputTokens = attempt.InputTokens,
                OutputTokens = attempt.OutputTokens,
                TokensEstimated = attempt.TokensEstimated,
                TimeToFirstTokenMs = attempt.TimeToFirstTokenMs,
                LatencyMs = attempt.LatencyMs,
                CostUsd = attempt.CostUsd,
                FinishReason = attempt.FinishReason,
                HttpStatus = attempt.HttpStatus,
                Error = attempt.Error,
            };
        }
    }

    /// <summary>A stored run with its attempts, or null.</summary>
    public async Task<RunRecord?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new
            {
                r.Id,
                r.Status,
                r.StatusReason,
                r.TemplateName,
                r.TemplateVersion,
                r.Provider,
                r.Model,
                r.Output,
                r.Json,
                r.ErrorsJson,
                r.CreatedAtUtc,
                r.StartedAtUtc,
                r.FinishedAtUtc,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }

        var attempts = await db.RunAttempts.AsNoTracking()
            .Where(a => a.RunId == id)
            .OrderBy(a => a.Number)
            .Select(a => new
            {
                a.Number,
                a.Kind,
                a.Status,
                a.MessagesJson,
                a.Output,
                a.Json,
                a.IssuesJson,
                a.TransportRetriesJson,
                a.InputTokens,
                a.OutputTokens,
                a.TokensEstimated,
                a.TimeToFirstTokenMs,
                a.LatencyMs,
                a.CostUsd,
                a.FinishReason,
                a.HttpStatus,
                a.Error,
            })
            .ToListAsync(cancellationToken);

        return new RunRecord(
            run.Id, run.Status, run.StatusReason, run.TemplateName, run.TemplateVersion, run.Provider, run.Model, run.Output, run.Json,
            JsonSerializer.Deserialize<List<string>>(run.ErrorsJson, Json) ?? [],
            run.CreatedAtUtc, run.StartedAtUtc, run.FinishedAtUtc,
            [.. attempts.Select(a => new RunAttempt(
                a.Number, a.Kind, a.Status,
                JsonSerializer.Deserialize<List<RunMessage>>(a.MessagesJson, Json) ?? [],
                a.Output, a.Json,
                JsonSerializer.Deserialize<List<ValidationIssue>>(a.IssuesJson, Json) ?? [],
                JsonSerializer.Deserialize<List<TransportRetry>>(a.TransportRetriesJson, Json) ?? [],
                a.InputTokens, a.OutputTokens, a.TokensEstimated, a.TimeToFirstTokenMs, a.LatencyMs, a.CostUsd, a.FinishReason, a.HttpStatus, a.Error))]);
    }

    /// <summary>How many runs of the template a template-wide delete would remove (finished runs; active ones are kept).</summary>
    public async Task<int> CountForTemplateAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(IsFinished).CountAsync(r => r.TemplateId == templateId, cancellationToken);
    }

    /// <summary>Deletes one finished run with its attempts; queued and running runs are refused (<see cref="RunDeletion.Active"/>).</summary>
    public async Task<RunDeletion> DeleteAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var status = await db.Runs.Where(r => r.Id == runId).Select(r => (RunStatus?)r.Status).FirstOrDefaultAsync(cancellationToken);
            if (status is null)
            {
                return RunDeletion.NotFound;
            }

            if (status is RunStatus.Queued or RunStatus.Running)
            {
                return RunDeletion.Active;
            }
        }

        var deleted = await DeleteFinishedAsync(r => r.Id == runId, rebuildAlways: false, cancellationToken);
        if (deleted == 1)
        {
            await AuditTrail.WriteAsync(dbFactory, time, new(AuditActions.RunDeleted, AuditTargets.Run, runId.ToString(), null), cancellationToken);
        }

        return deleted == 1 ? RunDeletion.Deleted : RunDeletion.NotFound;
    }

    /// <summary>
    /// Deletes every finished run of the template (with their attempts) and rebuilds the database file, so the deleted
    /// prompts and outputs leave it. Returns how many runs were deleted; queued and running runs are kept.
    /// </summary>
    public async Task<int> DeleteForTemplateAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        var deleted = await DeleteFinishedAsync(r => r.TemplateId == templateId, rebuildAlways: true, cancellationToken);
        await AuditTrail.WriteAsync(dbFactory, time, new(AuditActions.RunsDeletedForTemplate, AuditTargets.Template, templateId.ToString(), null, $"{deleted} run(s) deleted"), cancellationToken);
        return deleted;
    }

    /// <summary>Deletes finished runs that finished (or, without a finish time, were created) before <paramref name="cutoffUtc"/>.</summary>
    public Task<int> DeleteFinishedBeforeAsync(DateTime cutoffUtc, CancellationToken cancellationToken = default) =>
        DeleteFinishedAsync(r => (r.FinishedAtUtc ?? r.CreatedAtUtc) < cutoffUtc, rebuildAlways: false, cancellationToken);

    private async Task<int> DeleteFinishedAsync(Expression<Func<RunEntity, bool>> filter, bool rebuildAlways, CancellationToken cancellationToken)
    {
        var total = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var secure = await _maintenance.BeginSecureDeleteAsync(db, cancellationToken);
            while (true)
            {
                // In batches, so a purge of a long history never holds the write lock for long. Attempts go by the
                // foreign key's ON DELETE CASCADE.
                var ids = await db.Runs.Where(IsFinished).Where(filter).OrderBy(r => r.Id).Select(r => r.Id).Take(DeleteBatchSize).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                total += await db.Runs.Where(IsFinished).Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
                if (ids.Count < DeleteBatchSize)
                {
                    break;
                }
            }
        }

        if (total > 0)
        {
            await _maintenance.CompactAsync(rebuild: rebuildAlways || total >= RebuildThreshold, cancellationToken);
        }

        return total;
    }
}

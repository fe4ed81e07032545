using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Workbench.Core.Persistence;
using Workbench.Core.Redaction;

namespace Workbench.Core.Runs;

/// <summary>
/// The three writes every run makes (queued insert, "running", result with its attempts) as prepared SQLite statements
/// on the context's connection (ADR-028). EF Core's save pipeline (change tracking, command batching, a statement parsed
/// anew each time) was most of a run's own overhead; these statements are prepared once per connection. The rows are
/// redacted by the context's own <see cref="RedactionInterceptor"/> before they are bound, and bound through EF Core's type
/// mappings (<see cref="EntityCommand"/>), so what is stored is exactly what <c>SaveChanges</c> would store. SQLite only:
/// on PostgreSQL the writes stay with EF Core.
/// </summary>
internal sealed class RunRows : IDisposable
{
    /// <summary>
    /// One set of statements per connection while it stays open (the run writer's shared one, ADR-026, stays open). They
    /// are dropped when it closes: closing disposes the commands a connection tracks and then forgets them, so a statement
    /// prepared again after a close would stay prepared on the pooled native handle the connection gave back, and the next
    /// execution would run it on that handle, in whichever connection holds it by then.
    /// </summary>
    private static readonly ConditionalWeakTable<SqliteConnection, RunRows> ByConnection = [];

    /// <summary>What a result sets (as <see cref="RunStore"/> applies it to a tracked run).</summary>
    private static readonly string[] ResultColumns =
    [
        nameof(RunEntity.Status), nameof(RunEntity.StatusReason), nameof(RunEntity.TemplateId), nameof(RunEntity.TemplateVersion),
        nameof(RunEntity.Provider), nameof(RunEntity.Model), nameof(RunEntity.SchemaId), nameof(RunEntity.SchemaVersion),
        nameof(RunEntity.Output), nameof(RunEntity.Json), nameof(RunEntity.ErrorsJson), nameof(RunEntity.AttemptCount),
        nameof(RunEntity.StartedAtUtc), nameof(RunEntity.FinishedAtUtc),
        nameof(RunEntity.ExpectationKind), nameof(RunEntity.ExpectationPassed), nameof(RunEntity.ExpectationReason),
    ];

    private readonly RedactionInterceptor? _redaction;
    private readonly EntityCommand _insertRun;
    private readonly EntityCommand _insertAttempt;
    private readonly EntityCommand _markRunning;
    private readonly EntityCommand _saveResult;

    private RunRows(SqliteConnection connection, IModel model, RedactionInterceptor? redaction)
    {
        _redaction = redaction;
        var runs = model.FindEntityType(typeof(RunEntity))!;
        _insertRun = EntityCommand.Insert(connection, runs);
        _insertAttempt = EntityCommand.Insert(connection, model.FindEntityType(typeof(RunAttemptEntity))!);
        _markRunning = EntityCommand.Update(
            connection, runs, [nameof(RunEntity.Status), nameof(RunEntity.StartedAtUtc)], onlyWhen: (nameof(RunEntity.Status), RunStatus.Queued));
        _saveResult = EntityCommand.Update(
            connection,
            runs,
            ResultColumns,
            keepWhenNull: [nameof(RunEntity.StatusReason), nameof(RunEntity.ExpectationKind), nameof(RunEntity.ExpectationPassed), nameof(RunEntity.ExpectationReason)],
            keepStored: [nameof(RunEntity.StartedAtUtc)]);
    }

    /// <summary>The statements for <paramref name="db"/>'s connection, or null when it is not SQLite.</summary>
    public static RunRows? For(WorkbenchDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            return null;
        }

        if (ByConnection.TryGetValue(connection, out var rows))
        {
            return rows;
        }

        // The same redaction as every EF Core save of this context: the interceptor it was configured with.
        var redaction = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<RedactionInterceptor>().FirstOrDefault();
        return ByConnection.GetValue(connection, c =>
        {
            var created = new RunRows(c, db.Model, redaction);
            c.StateChange += created.DropWhenClosed;
            return created;
        });
    }

    /// <summary>Inserts a new queued run (redacted first).</summary>
    public Task<int> InsertQueuedAsync(WorkbenchDbContext db, RunEntity run) => InsertQueuedAsync(db, [run], null);

    /// <summary>
    /// Inserts queued runs (a batch's), redacted with one scope as one <c>SaveChanges</c> would, inside
    /// <paramref name="transaction"/> when the caller has one open (the batch row and its runs are all or nothing).
    /// </summary>
    public Task<int> InsertQueuedAsync(WorkbenchDbContext db, IReadOnlyList<RunEntity> runs, SqliteTransaction? transaction) =>
        OnOpenConnectionAsync(db, _ =>
        {
            var scope = new RedactionScope();
            var inserted = 0;
            foreach (var run in runs)
            {
                _redaction?.RedactEntity(run, scope);
                inserted += _insertRun.Execute(run, transaction);
            }

            return inserted;
        });

    /// <summary>Marks queued runs as running, in one transaction when there are several; per id, whether it was still queued.</summary>
    public Task<IReadOnlyList<bool>> MarkRunningAsync(WorkbenchDbContext db, IReadOnlyList<Guid> ids, DateTime nowUtc) =>
        OnOpenConnectionAsync(db, connection => InTransaction(connection, ids.Count > 1, transaction =>
            (IReadOnlyList<bool>)[.. ids.Select(id => _markRunning.Execute(new RunEntity { Id = id, TemplateName = "", Status = RunStatus.Running, StartedAtUtc = nowUtc }, transaction) == 1)]));

    /// <summary>
    /// Stores results with their attempts in one transaction (all redacted with one scope, as one <c>SaveChanges</c>
    /// would); per result, whether its run exists (a missing one is skipped, attempts included).
    /// </summary>
    public Task<IReadOnlyList<bool>> SaveResultsAsync(WorkbenchDbContext db, IReadOnlyList<(Guid Id, RunResult Result)> results, TimeProvider time) =>
        OnOpenConnectionAsync(db, connection => InTransaction(connection, true, transaction =>
        {
            var scope = new RedactionScope();
            var found = new List<bool>(results.Count);
            foreach (var (id, result) in results)
            {
                var row = new RunEntity { Id = id, TemplateName = "" };
                RunStore.ApplyResult(row, result);
                _redaction?.RedactEntity(row, scope);
                var exists = _saveResult.Execute(row, transaction) == 1;
                found.Add(exists);
                if (!exists)
                {
                    continue;
                }

                foreach (var attempt in RunStore.AttemptRows(id, result, time))
                {
                    _redaction?.RedactEntity(attempt, scope);
                    _insertAttempt.Execute(attempt, transaction);
                }
            }

            return (IReadOnlyList<bool>)found;
        }));

    private void DropWhenClosed(object? sender, StateChangeEventArgs change)
    {
        if (change.CurrentState != ConnectionState.Closed || sender is not SqliteConnection connection)
        {
            return;
        }

        connection.StateChange -= DropWhenClosed;
        ByConnection.Remove(connection);
        Dispose();
    }

    public void Dispose()
    {
        _insertRun.Dispose();
        _insertAttempt.Dispose();
        _markRunning.Dispose();
        _saveResult.Dispose();
    }

    private static T InTransaction<T>(SqliteConnection connection, bool needed, Func<SqliteTransaction?, T> write)
    {
        if (!needed)
        {
            return write(null);
        }

        using var transaction = connection.BeginTransaction();
        var result = write(transaction);
        transaction.Commit();
        return result;
    }

    /// <summary>The run writer's connection is open already; a context of the plain factory (tests) opens and closes its own.</summary>
    private static async Task<T> OnOpenConnectionAsync<T>(WorkbenchDbContext db, Func<SqliteConnection, T> write)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State == ConnectionState.Open)
        {
            return write(connection);
        }

        await db.Database.OpenConnectionAsync().ConfigureAwait(false);
        try
        {
            return write(connection);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Batches;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Persistence;
using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Runs;

/// <summary>
/// The prepared run writes (ADR-028) store what EF Core's <c>SaveChanges</c> stores: every column, in the same storage
/// form (type and text), redacted the same way. Each test writes one run through EF Core and a twin through
/// <see cref="RunRows"/> and compares the raw rows.
/// </summary>
public class RunRowsTests
{
    private static readonly string Email = "jane.roe" + "@" + "example.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InsertQueued_StoresEveryColumnAsSaveChangesDoes_Redacted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (viaEf, viaRows) = (Queued(), Queued());

        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(viaEf);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(1, await RunRows.For(db)!.InsertQueuedAsync(db, viaRows));
        }

        var expected = await RawRowAsync(database, "Runs", viaEf.Id);
        var actual = await RawRowAsync(database, "Runs", viaRows.Id);
        Assert.Equal(expected, actual);
        Assert.Equal(typeof(RunEntity).GetProperties().Count(p => p.Name != nameof(RunEntity.Attempts)), actual.Count + 1); // + Id
        Assert.DoesNotContain(Email, actual[nameof(RunEntity.VariablesJson)].Value, StringComparison.Ordinal);
        Assert.Contains("[EMAIL", actual[nameof(RunEntity.VariablesJson)].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkRunningAndSaveResult_StoreTheRunAndItsAttemptsAsSaveChangesDoes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (viaEf, viaRows) = (Queued(), Queued());
        var started = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);
        var result = Result();
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            db.Runs.AddRange(viaEf, viaRows);
            await db.SaveChangesAsync(Ct);
        }

        // EF Core: the path PostgreSQL takes.
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            var run = await db.Runs.SingleAsync(r => r.Id == viaEf.Id, Ct);
            run.Status = RunStatus.Running;
            run.StartedAtUtc = started;
            await db.SaveChangesAsync(Ct);
            RunStore.ApplyResult(run, result);
            db.RunAttempts.AddRange(RunStore.AttemptRows(run.Id, result, database.Time));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            var rows = RunRows.For(db)!;
            Assert.Equal([true, false], await rows.MarkRunningAsync(db, [viaRows.Id, Guid.NewGuid()], started));
            Assert.Equal([true, false], await rows.SaveResultsAsync(db, [(viaRows.Id, result), (Guid.NewGuid(), result)], database.Time));
            Assert.Equal([false], await rows.MarkRunningAsync(db, [viaRows.Id], started)); // no longer queued
        }

        Assert.Equal(await RawRowAsync(database, "Runs", viaEf.Id), await RawRowAsync(database, "Runs", viaRows.Id));
        var stored = await RawRowAsync(database, "Runs", viaRows.Id);
        Assert.Equal("Repaired", stored[nameof(RunEntity.Status)].Value);
        Assert.StartsWith("2026-12-07 10:00:00", stored[nameof(RunEntity.StartedAtUtc)].Value, StringComparison.Ordinal); // kept, not the engine's
        Assert.DoesNotContain(Email, stored[nameof(RunEntity.Output)].Value, StringComparison.Ordinal);

        var attemptsEf = await RawAttemptsAsync(database, viaEf.Id);
        var attemptsRows = await RawAttemptsAsync(database, viaRows.Id);
        Assert.Equal(2, attemptsRows.Count);
        Assert.Equal(attemptsEf, attemptsRows);
        Assert.DoesNotContain(attemptsRows, a => a.Values.Any(v => v.Value?.Contains(Email, StringComparison.Ordinal) == true));
        Assert.Empty(await database.Factory.CreateDbContext().RunAttempts.Where(a => a.RunId != viaEf.Id && a.RunId != viaRows.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task ReadBack_ThroughEfCore_GivesTheSameRun()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new RunStore(database.Factory, database.Time);
        var id = await store.AddQueuedAsync(new RunRequest("t", new Dictionary<string, string?> { ["city"] = "Oslo" }) { MaxAttempts = 2 }, Ct);
        Assert.True(await store.MarkRunningAsync(id, Ct));
        await store.SaveResultAsync(id, Result(), Ct);

        var run = (await store.GetAsync(id, Ct))!;

        Assert.Equal(RunStatus.Repaired, run.Status);
        Assert.Equal(2, run.Attempts.Count);
        Assert.Equal(0.000123m, run.Attempts[1].CostUsd);
        Assert.True(run.Attempts[0].TokensEstimated);
        Assert.Equal("price", Assert.Single(run.Attempts[0].Issues).Path);
        Assert.Equal(429, Assert.Single(run.Attempts[0].TransportRetries).HttpStatus);
        store.Dispose();
    }

    [Fact]
    public async Task SameContext_AfterItsConnectionWasClosed_WritesAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (first, second) = (Queued(), Queued());

        // A pooled context keeps its connection object between leases; EF Core closes it after each operation.
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(1, await RunRows.For(db)!.InsertQueuedAsync(db, first));
            Assert.Equal(1, await RunRows.For(db)!.InsertQueuedAsync(db, second));
        }

        await using var check = await database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(2, await check.Runs.CountAsync(Ct));
    }

    /// <summary>
    /// Closing a connection disposes the commands it tracks and forgets them; a statement prepared again after that was
    /// no longer tracked, stayed prepared on the native handle when the connection closed again, and was run on that
    /// handle the next time: in whichever connection had taken the handle from the pool meanwhile. In the app that was a
    /// batch's runs written inside another request's transaction, or "SQLite Error 21: bad parameter or other API misuse"
    /// when both ran at once (the E2E navigation timeouts of 2026-12-07/08).
    /// </summary>
    [Fact]
    public async Task SameContext_ItsFormerHandleTakenByAnotherConnection_WritesOnItsOwnConnection()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runs = new[] { Queued(), Queued(), Queued() };
        await using var db = await database.Factory.CreateDbContextAsync(Ct);

        // Two writes, each opening and closing the context's connection: its native handle goes back to the pool.
        Assert.Equal(1, await RunRows.For(db)!.InsertQueuedAsync(db, runs[0]));
        Assert.Equal(1, await RunRows.For(db)!.InsertQueuedAsync(db, runs[1]));

        // Another connection takes that handle (the only one in the pool) and opens a transaction it then rolls back.
        using (var other = new SqliteConnection(database.Settings.ConnectionString))
        {
            other.Open();
            using var rolledBack = other.BeginTransaction(deferred: true);
            Assert.Equal(1, await RunRows.For(db)!.InsertQueuedAsync(db, runs[2]));
            rolledBack.Rollback();
        }

        await using var check = await database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(runs.Select(r => r.Id).Order(), (await check.Runs.Select(r => r.Id).ToListAsync(Ct)).Order());
    }

    /// <summary>
    /// The same stale statement after the pool closed its idle handle (Microsoft.Data.Sqlite prunes idle connections):
    /// running it was "SQLite Error 21: bad parameter or other API misuse", the error the E2E timeouts ended in.
    /// </summary>
    [Fact]
    public async Task SameContext_ItsFormerHandleClosedByThePool_WritesOnItsOwnConnection()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runs = new[] { Queued(), Queued(), Queued() };
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(1, await RunRows.For(db)!.InsertQueuedAsync(db, runs[0]));
        Assert.Equal(1, await RunRows.For(db)!.InsertQueuedAsync(db, runs[1]));

        SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
        Assert.Equal(1, await RunRows.For(db)!.InsertQueuedAsync(db, runs[2]));

        await using var check = await database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(3, await check.Runs.CountAsync(Ct));
    }

    [Fact]
    public async Task BatchCreate_ARunThatCannotBeStored_StoresNothingOfTheBatch()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new BatchStore(database.Factory, database.Time);
        var batch = NewBatch();
        var run = Queued();
        run.BatchId = batch.Id;
        var duplicate = Queued();
        duplicate.Id = run.Id; // the second insert violates the primary key

        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateAsync(batch, [run, duplicate], Ct));

        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Batches.CountAsync(Ct));
        Assert.Equal(0, await db.Runs.CountAsync(Ct));
    }

    [Fact]
    public async Task BatchCreate_StoresTheBatchAndItsRuns_Redacted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new BatchStore(database.Factory, database.Time);
        var batch = NewBatch();
        var runs = new[] { Queued(), Queued() };
        foreach (var run in runs)
        {
            run.BatchId = batch.Id;
        }

        await store.CreateAsync(batch, runs, Ct);

        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Batches.CountAsync(Ct));
        var stored = await db.Runs.Where(r => r.BatchId == batch.Id).Select(r => r.VariablesJson).ToListAsync(Ct);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, v => Assert.DoesNotContain(Email, v, StringComparison.Ordinal));
    }

    private static BatchEntity NewBatch() =>
        new() { Id = Guid.CreateVersion7(), TemplateName = "trip", Status = BatchStatus.Queued, CaseCount = 2, Total = 2, Concurrency = 2, CreatedAtUtc = DateTime.UtcNow };

    private static RunEntity Queued() => new()
    {
        Id = Guid.CreateVersion7(),
        TemplateName = "trip",
        TemplateId = Guid.Parse("0193a5a0-0000-7000-8000-000000000001"),
        TemplateVersion = 3,
        Label = "prod",
        RequestedVersion = 3,
        Provider = "simulated",
        Model = "simulated-json",
        SchemaId = Guid.Parse("0193a5a0-0000-7000-8000-000000000002"),
        SchemaVersion = 1,
        Status = RunStatus.Queued,
        StatusReason = "waiting",
        MaxAttempts = 3,
        VariablesJson = $$"""{"city":"Oslo","notes":"mail {{Email}}"}""",
        SimulationJson = """{"faults":["invalid-json@1"],"seed":7}""",
        Output = null,
        Json = null,
        ErrorsJson = "[]",
        AttemptCount = 0,
        CreatedAtUtc = new DateTime(2026, 12, 7, 9, 59, 59, 123, DateTimeKind.Utc).AddTicks(4567),
        StartedBy = "jane",
        CaseIndex = 4,
        SettingIndex = 1,
        ExpectationKind = ExpectationKind.ContainsText,
        ExpectationPassed = false,
        ExpectationReason = "not yet",
    };

    private static RunResult Result()
    {
        var retry = new TransportRetry("simulated", 1, 429, null, TimeSpan.FromMilliseconds(1500), WaitFromRetryAfter: true);
        var first = new RunAttempt(
            1, RunAttemptKind.Initial, RunAttemptStatus.Invalid,
            [new RunMessage("user", "Quote Oslo, mail " + Email)],
            "not json " + Email, null, [new ValidationIssue("price", "required", "Required property missing.")], [retry],
            12, 34, true, 80, 120, null, "stop", 200, null);
        var second = new RunAttempt(
            2, RunAttemptKind.Repair, RunAttemptStatus.Valid,
            [new RunMessage("user", "Fix it")],
            """{"city":"Oslo","price":12.5}""", """{"city":"Oslo","price":12.5}""", [], [],
            20, 10, false, 40, 90, 0.000123m, "stop", 200, null);
        return new RunResult(
            RunStatus.Repaired, Guid.Parse("0193a5a0-0000-7000-8000-000000000001"), "trip", 3, "simulated", "simulated-json",
            Guid.Parse("0193a5a0-0000-7000-8000-000000000002"), 1, """{"city":"Oslo","price":12.5}""", """{"city":"Oslo","price":12.5}""",
            [first, second], ["first attempt invalid: " + Email],
            new DateTime(2026, 12, 7, 10, 0, 5, DateTimeKind.Utc), new DateTime(2026, 12, 7, 10, 0, 9, DateTimeKind.Utc))
        {
            Expectation = new ExpectationResult(ExpectationKind.ContainsText, true, "found"),
        };
    }

    /// <summary>Every column but the key, as SQLite stores it: (storage class, text).</summary>
    private static async Task<Dictionary<string, (string Type, string? Value)>> RawRowAsync(TestDatabase database, string table, Guid id)
    {
        var rows = await RawRowsAsync(database, $"""SELECT * FROM "{table}" WHERE upper("Id") = upper($id)""", id);
        return Assert.Single(rows);
    }

    private static async Task<List<Dictionary<string, (string Type, string? Value)>>> RawAttemptsAsync(TestDatabase database, Guid runId) =>
        await RawRowsAsync(database, """SELECT * FROM "RunAttempts" WHERE upper("RunId") = upper($id) ORDER BY "Number" """, runId, ["RunId"]);

    private static async Task<List<Dictionary<string, (string Type, string? Value)>>> RawRowsAsync(TestDatabase database, string sql, Guid id, string[]? alsoSkip = null)
    {
        await using var connection = new SqliteConnection(database.Settings.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id.ToString());
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<Dictionary<string, (string Type, string? Value)>>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new Dictionary<string, (string Type, string? Value)>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                var type = reader.GetDataTypeName(i);
                if (name == "Id" || alsoSkip?.Contains(name) == true)
                {
                    // The keys differ between the twins; their storage form must not.
                    Assert.Equal("TEXT", type);
                    Assert.Equal(reader.GetString(i).ToUpperInvariant(), reader.GetString(i));
                    continue;
                }

                row[name] = (type, reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
            }

            rows.Add(row);
        }

        return rows;
    }
}

using System.Collections;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Workbench.Core.Audit;
using Workbench.Core.Batches;
using Workbench.Core.History;
using Workbench.Core.Persistence;
using Workbench.Core.Persistence.Copy;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Tests.Schemas;
using Workbench.Core.Tests.Templates;
using Workbench.Core.Tests.Retention;
using Workbench.Core.Templates;
using Workbench.Testing;

namespace Workbench.Core.Tests.Persistence;

/// <summary>
/// The SQLite → PostgreSQL copy (ADR-024): the plan covers every table of the model, and a copy keeps every value of
/// every row unchanged (no second redaction), refuses a non-empty target and rolls back when cancelled. The whole app on the
/// copied database is tested in Workbench.Tests (CopyDatabaseTests).
/// </summary>
public sealed class DatabaseCopyTests
{
    private static readonly string Email = "jane.roe" + "@" + "example.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void CreatePlan_CurrentModel_HasACopyRuleForEveryTableAndNoProblems()
    {
        var plan = DatabaseCopier.CreatePlan();

        Assert.Empty(plan.Problems);
        using var db = new WorkbenchDbContext(new DbContextOptionsBuilder<WorkbenchDbContext>().UseSqlite("Data Source=:memory:").Options);
        var modelTables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(modelTables, plan.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(plan.Tables, t => Assert.NotEmpty(t.Columns));
    }

    [Fact]
    public void CreatePlan_CurrentModel_CopiesParentsBeforeChildren()
    {
        var plan = DatabaseCopier.CreatePlan();
        var position = plan.Tables.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        using var db = new WorkbenchDbContext(new DbContextOptionsBuilder<WorkbenchDbContext>().UseSqlite("Data Source=:memory:").Options);

        foreach (var foreignKey in db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()))
        {
            Assert.True(position[foreignKey.PrincipalEntityType.GetTableName()!] < position[foreignKey.DeclaringEntityType.GetTableName()!],
                $"{foreignKey.PrincipalEntityType.GetTableName()} must be copied before {foreignKey.DeclaringEntityType.GetTableName()}");
        }
    }

    [Fact]
    public void CreatePlan_TableMissingOnOneEngineOrSelfReferencing_IsAProblemNotASkip()
    {
        using var withNotes = new PlanContext(withNotes: true);
        using var without = new PlanContext(withNotes: false);

        var plan = DatabaseCopyPlan.Create(ModelOf(withNotes), ModelOf(without));

        Assert.Contains(plan.Problems, p => p.Contains("\"Notes\" exists in the SQLite model but not in the PostgreSQL model", StringComparison.Ordinal));
        Assert.Contains(plan.Problems, p => p.Contains("\"Folders\" references itself", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Copy_EveryRowOfEveryTable_KeepsEveryValueUnchanged()
    {
        await using var source = await TestDatabase.CreateAsync();
        var target = await PostgreSqlServer.CreateDatabaseAsync();
        var templateId = await SeedAsync(source);
        // A run written before redaction existed (text in clear) and one already redacted: the copy changes neither.
        var clear = await RetentionTestData.AddRunAsync(source, RunStatus.Valid, source.Time.GetUtcNow().UtcDateTime, source.Time.GetUtcNow().UtcDateTime, templateId, cancellationToken: Ct);
        await ExecuteSqliteAsync(source, $"UPDATE \"Runs\" SET \"Output\" = 'written in clear by an old version: {Email}' WHERE \"Id\" = '{clear.ToString().ToUpperInvariant()}'");
        var redacted = await RetentionTestData.AddRunAsync(source, RunStatus.Valid, source.Time.GetUtcNow().UtcDateTime, source.Time.GetUtcNow().UtcDateTime, templateId,
            output: $"Reply to {Email} today", cancellationToken: Ct);

        var result = await DatabaseCopier.CopyAsync(SourceFile(source), DatabaseSettings.PostgreSql(target), null, Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.All(result.Counts, c => Assert.Equal(c.Source, c.Target));
        var plan = DatabaseCopier.CreatePlan();
        Assert.Equal(plan.Tables.Select(t => t.Name), result.Counts.Select(c => c.Table));
        foreach (var table in plan.Tables)
        {
            var expected = await ReadSqliteAsync(source, table);
            var actual = await ReadPostgreSqlAsync(target, table);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, row) in expected)
            {
                Assert.True(row.SequenceEqual(actual[key]), $"{table.Name} {key}: [{string.Join(" | ", row)}] became [{string.Join(" | ", actual[key])}]");
            }
        }

        var runs = plan.Tables.Single(t => t.Name == "Runs");
        var output = runs.Columns.Select((c, i) => (c.Name, i)).Single(c => c.Name == "Output").i;
        var copiedRuns = await ReadPostgreSqlAsync(target, runs);
        Assert.Equal($"written in clear by an old version: {Email}", copiedRuns[clear.ToString()][output]);
        Assert.DoesNotContain(Email, copiedRuns[redacted.ToString()][output], StringComparison.Ordinal);
        Assert.Equal((await ReadSqliteAsync(source, runs))[redacted.ToString()][output], copiedRuns[redacted.ToString()][output]);
    }

    [Fact]
    public async Task Copy_NonEmptyTarget_IsRefusedAndLeftAsItWas()
    {
        await using var source = await TestDatabase.CreateAsync();
        var target = await PostgreSqlServer.CreateDatabaseAsync();
        await SeedAsync(source);
        Assert.True((await DatabaseCopier.CopyAsync(SourceFile(source), DatabaseSettings.PostgreSql(target), null, Ct)).Succeeded);
        var before = await RawDatabaseFile.ReadAllRowsAsync(target, Ct);

        var again = await DatabaseCopier.CopyAsync(SourceFile(source), DatabaseSettings.PostgreSql(target), null, Ct);

        Assert.Equal(DatabaseCopyOutcome.Refused, again.Outcome);
        Assert.Contains("is not empty", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, await RawDatabaseFile.ReadAllRowsAsync(target, Ct));
    }

    [Fact]
    public async Task Copy_CancelledWhileCopying_RollsBackAndTheTargetCanBeCopiedAgain()
    {
        await using var source = await TestDatabase.CreateAsync();
        var target = await PostgreSqlServer.CreateDatabaseAsync();
        await SeedAsync(source);
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAt("Templates", cancellation);

        var cancelled = await DatabaseCopier.CopyAsync(SourceFile(source), DatabaseSettings.PostgreSql(target), progress, cancellation.Token);

        Assert.Equal(DatabaseCopyOutcome.Cancelled, cancelled.Outcome);
        Assert.Contains("rolled back", cancelled.Error, StringComparison.Ordinal);
        var retried = await DatabaseCopier.CopyAsync(SourceFile(source), DatabaseSettings.PostgreSql(target), null, Ct);
        Assert.True(retried.Succeeded, retried.Error);
    }

    [Fact]
    public async Task Copy_OlderSource_IsRefusedWithWhatToDo()
    {
        await using var source = await TestDatabase.CreateAsync();
        await ExecuteSqliteAsync(source, "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\")");

        var result = await DatabaseCopier.CopyAsync(SourceFile(source), DatabaseSettings.PostgreSql("Host=127.0.0.1;Port=1;Database=never_reached"), null, Ct);

        Assert.Equal(DatabaseCopyOutcome.Refused, result.Outcome);
        Assert.Contains("older version", result.Error, StringComparison.Ordinal);
    }

    private static string SourceFile(TestDatabase database) => Path.Combine(database.DataDirectory, DatabasePaths.DatabaseFileName);

    private static IModel ModelOf(DbContext context) => context.GetService<IDesignTimeModel>().Model;

    /// <summary>
    /// Templates and schemas with versions, labels, label moves and drafts (through the services); a batch with a test case,
    /// runs with attempts and a verdict; a user with a role, claims, a login, a token and an API token; an audit entry.
    /// </summary>
    private static async Task<Guid> SeedAsync(TestDatabase database)
    {
        var templates = database.CreateTemplateService();
        var created = await templates.CreateAsync(new NewTemplate("Copy me", "d", ["a", "b"], TemplateServiceTests.Content()), "ann", Ct);
        Assert.True(created.Succeeded, string.Join("; ", created.Problems));
        var id = created.Value!.Id;
        Assert.True((await templates.SetLabelAsync(id, "production", 1, "ann", Ct)).Succeeded);
        await templates.SaveDraftAsync(id, "ann", 1, TemplateServiceTests.Content("Hi {{ name }}"), Ct);
        var schemas = database.CreateSchemaService();
        var schema = await schemas.CreateAsync(new NewSchema("Contact", "A person", SchemaServiceTests.Contact), "ann", Ct);
        Assert.True(schema.Succeeded, string.Join("; ", schema.Problems));
        Assert.True((await schemas.SetLabelAsync(schema.Value!.Id, "production", 1, "ann", Ct)).Succeeded);
        Assert.True(await schemas.SaveDraftAsync(schema.Value.Id, "ann", 1, """{"type": "object", "properties": {"name": {"type": "str""", cancellationToken: Ct));

        var now = database.Time.GetUtcNow().UtcDateTime;
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            var batchId = Guid.NewGuid();
            db.Batches.Add(new BatchEntity { Id = batchId, TemplateName = "Copy me", TemplateId = id, TemplateVersion = 1, TestSet = "default", CaseCount = 1, Total = 1, Concurrency = 2, Status = BatchStatus.Completed, CreatedAtUtc = now, StartedAtUtc = now, FinishedAtUtc = now.AddSeconds(3) });
            db.TestCases.Add(new TestCaseEntity { Id = Guid.NewGuid(), TemplateId = id, SetName = "default", VariablesJson = """{"name":"Ada"}""", ExpectationKind = ExpectationKind.ContainsText, ExpectedText = "Ada", CreatedAtUtc = now, UpdatedAtUtc = now });
            var runId = Guid.NewGuid();
            var attempt = new RunAttemptEntity { Id = Guid.NewGuid(), RunId = runId, Number = 1, Status = RunAttemptStatus.Valid, Output = "Hello Ada", InputTokens = 12, OutputTokens = 3, LatencyMs = 1234, CostUsd = 0.000123m };
            db.Runs.Add(new RunEntity { Id = runId, TemplateName = "Copy me", TemplateId = id, TemplateVersion = 1, BatchId = batchId, CaseIndex = 0, SettingIndex = 0, Status = RunStatus.Valid, Output = "Hello Ada", AttemptCount = 1, CreatedAtUtc = now, StartedAtUtc = now, FinishedAtUtc = now.AddMilliseconds(1234), ExpectationKind = ExpectationKind.ContainsText, ExpectationPassed = true, Attempts = [attempt] });
            db.RunVerdicts.Add(new RunVerdictEntity { Id = Guid.NewGuid(), RunId = runId, Reviewer = "ann", Verdict = VerdictKind.Approved, Comment = "fine", CreatedAtUtc = now });
            var user = new WorkbenchUser { Id = "u1", UserName = "ann@example.test", NormalizedUserName = "ANN@EXAMPLE.TEST", Email = "ann@example.test", NormalizedEmail = "ANN@EXAMPLE.TEST", SecurityStamp = "stamp", CreatedAtUtc = now, LockoutEnabled = true, LockoutEnd = new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero) };
            db.Users.Add(user);
            db.Roles.Add(new IdentityRole { Id = "r1", Name = "Admin", NormalizedName = "ADMIN", ConcurrencyStamp = "c1" });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "u1", RoleId = "r1" });
            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = "u1", ClaimType = "team", ClaimValue = "blue" });
            db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = "r1", ClaimType = "scope", ClaimValue = "all" });
            db.UserLogins.Add(new IdentityUserLogin<string> { UserId = "u1", LoginProvider = "oidc", ProviderKey = "subject-1", ProviderDisplayName = "Acme SSO" });
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = "u1", LoginProvider = "oidc", Name = "id_token_hint", Value = "opaque-test-value" });
            db.ApiTokens.Add(new ApiTokenEntity { Id = Guid.NewGuid(), UserId = "u1", Name = "ci", TokenHash = "hash-of-a-fake-token", Hint = "wb_abcd", Role = "Admin", CreatedAtUtc = now, ExpiresAtUtc = now.AddDays(30) });
            await db.SaveChangesAsync(Ct);
        }

        await RetentionTestData.AddRunAsync(database, RunStatus.Repaired, now, now, id, attempts: 2, cancellationToken: Ct);
        await AuditTrail.WriteAsync(database.Factory, database.Time, new AuditEvent(AuditActions.SignOut, AuditTargets.User, "u1", "ann@example.test"), Ct);
        await AuditTrail.WriteAsync(database.Factory, database.Time, new AuditEvent(AuditActions.SignOut, AuditTargets.User, "u1", "ann@example.test"), Ct);
        return id;
    }

    private static async Task ExecuteSqliteAsync(TestDatabase database, string sql)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        await db.Database.ExecuteSqlRawAsync(sql, Ct);
    }

    /// <summary>Rows by key, each value as the text it becomes in PostgreSQL (what the copy must keep).</summary>
    private static async Task<Dictionary<string, List<string>>> ReadSqliteAsync(TestDatabase database, TableCopyRule table)
    {
        var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={SourceFile(database)};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))} FROM \"{table.Name}\"";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            var row = table.Columns.Select((c, i) => Text(c.ToTargetValue(c.ReadModelValue(reader, i)))).ToList();
            rows.Add(KeyOf(table, row), row);
        }

        return rows;
    }

    private static async Task<Dictionary<string, List<string>>> ReadPostgreSqlAsync(string connectionString, TableCopyRule table)
    {
        var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))} FROM \"{table.Name}\"";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            var row = table.Columns.Select((_, i) => Text(reader.IsDBNull(i) ? null : reader.GetValue(i))).ToList();
            rows.Add(KeyOf(table, row), row);
        }

        return rows;
    }

    private static string KeyOf(TableCopyRule table, List<string> row) =>
        string.Join("|", table.KeyColumns.Select(k => row[table.Columns.Select((c, i) => (c.Name, i)).Single(c => c.Name == k).i]));

    private static string Text(object? value) => value switch
    {
        null => "<null>",
        DateTime t => t.Ticks.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcTicks.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        string s => s,
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Text)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Cancels the copy when <paramref name="table"/> starts.</summary>
    private sealed class CancelAt(string table, CancellationTokenSource cancellation) : IProgress<DatabaseCopyProgress>
    {
        public void Report(DatabaseCopyProgress value)
        {
            if (value.Table == table)
            {
                cancellation.Cancel();
            }
        }
    }

    private sealed class PlanContext(bool withNotes) : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
            optionsBuilder.UseSqlite("Data Source=:memory:").ReplaceService<IModelCacheKeyFactory, CacheKey>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Folder>().ToTable("Folders").HasOne<Folder>().WithMany().HasForeignKey(f => f.ParentId);
            if (withNotes)
            {
                modelBuilder.Entity<Note>().ToTable("Notes");
            }
        }

        // A different model per value of withNotes: EF Core caches the model by this key.
        internal sealed class CacheKey : IModelCacheKeyFactory
        {
            public object Create(DbContext context, bool designTime) => (context.GetType(), ((PlanContext)context).WithNotes, designTime);
        }

        private bool WithNotes => withNotes;
    }

    private sealed class Folder
    {
        public int Id { get; set; }

        public int? ParentId { get; set; }
    }

    private sealed class Note
    {
        public int Id { get; set; }
    }
}

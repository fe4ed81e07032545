using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Workbench.Core.Audit;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.Audit;

/// <summary>The audit trail on SQLite; <see cref="AuditTrailPostgreSqlTests"/> runs every test again on PostgreSQL.</summary>
public class AuditTrailTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<long> RecordAsync(TestDatabase database, AuditEvent audit)
    {
        await AuditTestData.Trail(database).RecordAsync(audit, Ct);
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        return await db.AuditEntries.MaxAsync(e => e.Id, Ct);
    }

    [Fact]
    public async Task Record_NoAmbientOrigin_RecordsSystemWithoutAddress()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);

        await RecordAsync(database, new AuditEvent(AuditActions.RetentionPurged, AuditTargets.Run, null, null, "3 run(s) deleted"));

        var entry = Assert.Single(await AuditTestData.AllAsync(database));
        Assert.Equal((AuditTrail.SystemActor, (string?)null, (string?)null), (entry.ActorName, entry.ActorId, entry.ClientIp));
    }

    [Fact]
    public async Task Record_UnknownAction_Throws()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);

        await Assert.ThrowsAsync<ArgumentException>(() => AuditTestData.Trail(database).RecordAsync(new AuditEvent("template.renamed", AuditTargets.Template, null, null), Ct));
    }

    [Fact]
    public async Task Update_ThroughEfCore_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var id = await RecordAsync(database, new AuditEvent(AuditActions.SignOut, AuditTargets.User, "u1", "ann@example.test"));
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        var entry = await db.AuditEntries.SingleAsync(e => e.Id == id, Ct);

        entry.Details = "rewritten";

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Delete_ThroughEfCore_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var id = await RecordAsync(database, new AuditEvent(AuditActions.SignOut, AuditTargets.User, "u1", "ann@example.test"));
        await using var db = await database.Factory.CreateDbContextAsync(Ct);
        db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.Id == id, Ct));

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
    }

    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"ActorName\" = 'someone-else'")]
    [InlineData("DELETE FROM \"AuditEntries\"")]
    public async Task RawSql_UpdateOrDeleteOfARecentEntry_IsRefusedByTheTrigger(string sql)
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        await AuditTrail.WriteAsync(database.Factory, TimeProvider.System, new AuditEvent(AuditActions.SignOut, AuditTargets.User, "u1", "ann@example.test"), Ct);
        await using var db = await database.Factory.CreateDbContextAsync(Ct);

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql, Ct));

        Assert.Contains("audit entries", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await AuditTestData.CountAsync(database));
    }

    [Fact]
    public async Task PurgeBefore_EntriesOlderThanTheMinimum_AreDeleted()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var old = new FakeTimeProvider(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await AuditTrail.WriteAsync(database.Factory, old, new AuditEvent(AuditActions.SignOut, AuditTargets.User, "u1", null), Ct);
        await AuditTrail.WriteAsync(database.Factory, TimeProvider.System, new AuditEvent(AuditActions.SignOut, AuditTargets.User, "u2", null), Ct);

        var purged = await AuditTestData.Trail(database).PurgeBeforeAsync(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), Ct);

        Assert.Equal(1, purged);
        Assert.Equal("u2", Assert.Single(await AuditTestData.AllAsync(database)).TargetId);
    }

    [Fact]
    public async Task Details_PlantedEmailAndKey_NeverReachTheDatabaseFile()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        const string email = "planted.person@example.org";
        const string key = "sk-test-AUDITabcdefghijklmnopqrstuvwxyz0123456789";

        await RecordAsync(database, new AuditEvent(AuditActions.SignInFailed, AuditTargets.User, null, null, $"Unknown account {email} tried key {key}"));

        var details = Assert.Single(await AuditTestData.AllAsync(database)).Details!;
        Assert.DoesNotContain(email, details, StringComparison.Ordinal);
        Assert.DoesNotContain(key, details, StringComparison.Ordinal);
        Assert.Contains("[EMAIL#1]", details, StringComparison.Ordinal);
        var raw = await database.ReadRawAsync(Ct);
        Assert.DoesNotContain(email, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("AUDITabcdefghijklmnop", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_Filters_MatchActorActionTargetAndDateRange()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var trail = AuditTestData.Trail(database);
        using (AuditContext.Use(new AuditOrigin("id-ann", "ann@example.test", null)))
        {
            await trail.RecordAsync(new AuditEvent(AuditActions.RunDeleted, AuditTargets.Run, "run-1", null), Ct);
            database.Time.Advance(TimeSpan.FromDays(2));
            await trail.RecordAsync(new AuditEvent(AuditActions.TemplateVersionCreated, AuditTargets.Template, "t-1", "Trip quote", "v2"), Ct);
        }

        using (AuditContext.Use(new AuditOrigin("id-bob", "bob@example.test", null)))
        {
            await trail.RecordAsync(new AuditEvent(AuditActions.TemplateVersionCreated, AuditTargets.Template, "t-2", "Greeting", "v5"), Ct);
        }

        var start = new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);
        async Task<string[]> TargetsAsync(AuditQuery query) => [.. (await trail.QueryAsync(query, Ct)).Entries.Select(e => e.TargetId!)];

        Assert.Equal(["t-1", "run-1"], await TargetsAsync(new AuditQuery { Actor = "ann@example.test" }));
        Assert.Equal(["t-2"], await TargetsAsync(new AuditQuery { Actor = "id-bob" }));
        Assert.Equal(["t-2", "t-1"], await TargetsAsync(new AuditQuery { Action = AuditActions.TemplateVersionCreated }));
        Assert.Equal(["t-1"], await TargetsAsync(new AuditQuery { Target = "Trip" }));
        Assert.Equal(["run-1"], await TargetsAsync(new AuditQuery { Target = "run-1" }));
        Assert.Equal(["run-1"], await TargetsAsync(new AuditQuery { FromUtc = start, ToUtc = start.AddDays(1) }));
        Assert.Equal(["t-2", "t-1"], await TargetsAsync(new AuditQuery { FromUtc = start.AddDays(1) }));
        Assert.Equal(["ann@example.test", "bob@example.test"], await trail.ListActorsAsync(Ct));
    }

    [Fact]
    public async Task Query_Paging_ReturnsNewestFirstWithTotal()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var trail = AuditTestData.Trail(database);
        for (var i = 1; i <= 5; i++)
        {
            await trail.RecordAsync(new AuditEvent(AuditActions.RunDeleted, AuditTargets.Run, $"run-{i}", null), Ct);
            database.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var second = await trail.QueryAsync(new AuditQuery { Page = 2, PageSize = 2 }, Ct);
        var last = await trail.QueryAsync(new AuditQuery { Page = 3, PageSize = 2 }, Ct);
        var clamped = await trail.QueryAsync(new AuditQuery { Page = 0, PageSize = 10_000 }, Ct);

        Assert.Equal(["run-3", "run-2"], second.Entries.Select(e => e.TargetId));
        Assert.Equal((5, 3), (second.Total, second.PageCount));
        Assert.Equal(["run-1"], last.Entries.Select(e => e.TargetId));
        Assert.Equal((1, AuditQuery.MaxPageSize, 5), (clamped.Page, clamped.PageSize, clamped.Entries.Count));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(365, true)]
    [InlineData(29, false)]
    [InlineData(1, false)]
    public void AuditRetentionValidator_AuditDays_ZeroOrAtLeastThirty(int days, bool valid)
    {
        var result = new AuditRetentionValidator().Validate(null, new WorkbenchOptions { Retention = new RetentionOptions { AuditDays = days } });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Workbench:Retention:AuditDays", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}

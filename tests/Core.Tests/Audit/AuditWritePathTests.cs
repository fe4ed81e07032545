using Workbench.Core.Persistence;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workbench.Core.Audit;
using Workbench.Core.Configuration;
using Workbench.Core.Export;
using Workbench.Core.History;
using Workbench.Core.Retention;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Tests.Export;
using Workbench.Core.Tests.History;
using Workbench.Core.Tests.Persistence;
using Workbench.Core.Tests.Retention;
using Workbench.Core.Tests.Templates;

namespace Workbench.Core.Tests.Audit;

/// <summary>Each write path records its audit entry (ADR-017), with the acting user from the call or the ambient origin.</summary>
public class AuditWritePathTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private const string SchemaJson = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TemplateService_CreateAndSaveVersion_RecordsVersionCreatedByTheAuthor()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var service = database.CreateTemplateService();
        using var origin = AuditContext.Use(new AuditOrigin("id-alice", "alice", "10.1.2.3"));

        var template = (await service.CreateAsync(new NewTemplate("Greeting", "", [], TemplateServiceTests.Content()), "alice", Ct)).Value!;
        await service.SaveVersionAsync(template.Id, 1, TemplateServiceTests.Content("Hi {{ name }}"), "Shorter", "alice", Ct);

        var entries = await AuditTestData.AllAsync(database, AuditActions.TemplateVersionCreated);
        Assert.Equal(2, entries.Count);
        var v2 = entries[0];
        Assert.Equal(("alice", "id-alice", "10.1.2.3"), (v2.ActorName, v2.ActorId, v2.ClientIp));
        Assert.Equal((AuditTargets.Template, template.Id.ToString(), "Greeting"), (v2.TargetKind, v2.TargetId, v2.TargetName));
        Assert.Equal("v2: Shorter", v2.Details);
        Assert.StartsWith("v1 (new template)", entries[1].Details, StringComparison.Ordinal);
        Assert.Equal(database.Time.GetUtcNow().UtcDateTime, v2.OccurredAtUtc);
    }

    [Fact]
    public async Task TemplateService_SetAndRemoveLabel_RecordsLabelMoves()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var service = database.CreateTemplateService();
        var template = (await service.CreateAsync(new NewTemplate("Greeting", "", [], TemplateServiceTests.Content()), "alice", Ct)).Value!;

        await service.SetLabelAsync(template.Id, "production", 1, "rita", Ct);
        await service.RemoveLabelAsync(template.Id, "production", "rita", Ct);

        var moves = await AuditTestData.AllAsync(database, AuditActions.TemplateLabelMoved);
        Assert.Equal(["'production': v1 → removed", "'production': new → v1"], moves.Select(m => m.Details));
        Assert.All(moves, m => Assert.Equal("rita", m.ActorName));
    }

    [Fact]
    public async Task TemplateService_SetAndRemoveLabel_NamesTheTemplateAsTarget()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateTemplateService();
        var template = (await service.CreateAsync(new NewTemplate("Greeting", "", [], TemplateServiceTests.Content()), "alice", Ct)).Value!;

        await service.SetLabelAsync(template.Id, "staging", 1, "rita", Ct);
        await service.RemoveLabelAsync(template.Id, "staging", "rita", Ct);

        var moves = await AuditTestData.AllAsync(database, AuditActions.TemplateLabelMoved);
        Assert.Equal(2, moves.Count);
        Assert.All(moves, m => Assert.Equal((AuditTargets.Template, template.Id.ToString(), "Greeting"), (m.TargetKind, m.TargetId, m.TargetName)));
    }

    [Fact]
    public async Task TemplateService_RejectedSave_RecordsNothing()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var service = database.CreateTemplateService();
        var template = (await service.CreateAsync(new NewTemplate("Greeting", "", [], TemplateServiceTests.Content()), "alice", Ct)).Value!;

        var conflict = await service.SaveVersionAsync(template.Id, 0, TemplateServiceTests.Content("Hi {{ name }}"), null, "alice", Ct);

        Assert.IsNotType<SaveVersionOutcome.Saved>(conflict);
        Assert.Single(await AuditTestData.AllAsync(database));
    }

    [Fact]
    public async Task SchemaService_CreateSaveAndLabel_RecordsSchemaActions()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var service = database.CreateSchemaService();

        var schema = (await service.CreateAsync(new NewSchema("Trip", "", SchemaJson), "sam", Ct)).Value!;
        await service.SaveVersionAsync(schema.Id, 1, SchemaJson.Replace("\"city\"]", "\"city\"],\"additionalProperties\":false", StringComparison.Ordinal), "Closed", "sam", Ct);
        await service.SetLabelAsync(schema.Id, "production", 2, "sam", Ct);

        var created = await AuditTestData.AllAsync(database, AuditActions.SchemaVersionCreated);
        Assert.Equal(["v2: Closed", "v1 (new schema): Created"], created.Select(e => e.Details));
        var moved = await AuditTestData.SingleAsync(database, AuditActions.SchemaLabelMoved);
        Assert.Equal((AuditTargets.Schema, schema.Id.ToString(), "'production': new → v2"), (moved.TargetKind, moved.TargetId, moved.Details));
        Assert.Equal("Trip", moved.TargetName);

        await service.RemoveLabelAsync(schema.Id, "production", "sam", Ct);
        var removed = (await AuditTestData.AllAsync(database, AuditActions.SchemaLabelMoved))[0];
        Assert.Equal(("Trip", "'production': v2 → removed"), (removed.TargetName, removed.Details));
    }

    [Fact]
    public async Task VerdictService_Add_RecordsVerdictGivenByTheReviewer()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var run = await bed.AddAsync();

        await bed.Verdicts.AddAsync(run, "rita", VerdictKind.Approved, null, Ct);

        var entry = await AuditTestData.SingleAsync(bed.Database, AuditActions.VerdictGiven);
        Assert.Equal(("rita", AuditTargets.Run, run.ToString(), "Approved"), (entry.ActorName, entry.TargetKind, entry.TargetId, entry.Details));
    }

    [Fact]
    public async Task RunStore_Delete_RecordsRunDeletedByTheAmbientUser()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var run = await bed.AddAsync();
        var store = new RunStore(bed.Database.Factory, bed.Database.Time);
        using var origin = AuditContext.Use(new AuditOrigin("id-ann", "ann@example.test", "127.0.0.1"));

        Assert.Equal(RunDeletion.Deleted, await store.DeleteAsync(run, Ct));
        Assert.Equal(RunDeletion.NotFound, await store.DeleteAsync(run, Ct));

        var entry = await AuditTestData.SingleAsync(bed.Database, AuditActions.RunDeleted);
        Assert.Equal(("ann@example.test", "id-ann", run.ToString()), (entry.ActorName, entry.ActorId, entry.TargetId));
    }

    [Fact]
    public async Task RunStore_DeleteForTemplate_RecordsHowManyRunsWereDeleted()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var template = (await database.CreateTemplateService().CreateAsync(new NewTemplate("Greeting", "", [], TemplateServiceTests.Content()), "alice", Ct)).Value!;
        var now = database.Time.GetUtcNow().UtcDateTime;
        await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now, now, templateId: template.Id, cancellationToken: Ct);
        await RetentionTestData.AddRunAsync(database, RunStatus.Failed, now, now, templateId: template.Id, cancellationToken: Ct);

        var deleted = await new RunStore(database.Factory, database.Time).DeleteForTemplateAsync(template.Id, Ct);

        var entry = await AuditTestData.SingleAsync(database, AuditActions.RunsDeletedForTemplate);
        Assert.Equal(2, deleted);
        Assert.Equal((template.Id.ToString(), "2 run(s) deleted", AuditTrail.SystemActor), (entry.TargetId, entry.Details, entry.ActorName));
    }

    [Fact]
    public async Task RunRetention_Purge_RecordsASummaryAsSystemAndPurgesOldAuditEntries()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var now = database.Time.GetUtcNow().UtcDateTime;
        await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now.AddDays(-120), now.AddDays(-100), cancellationToken: Ct);
        var longAgo = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await AuditTrail.WriteAsync(database.Factory, longAgo, new AuditEvent(AuditActions.SignOut, AuditTargets.User, "u1", "old@example.test"), Ct);
        var retention = new RunRetention(
            new RunStore(database.Factory, database.Time),
            Options.Create(new WorkbenchOptions { Retention = new RetentionOptions { RunDays = 90, AuditDays = 365 } }),
            database.Time,
            NullLogger<RunRetention>.Instance,
            AuditTestData.Trail(database));

        Assert.Equal(1, await retention.PurgeAsync(Ct));

        var purges = await AuditTestData.AllAsync(database, AuditActions.RetentionPurged);
        Assert.Equal(["1 audit entry older than 365 days deleted", "1 run(s) older than 90 days deleted"], purges.Select(p => p.Details).Order(StringComparer.Ordinal));
        Assert.All(purges, p => Assert.Equal(AuditTrail.SystemActor, p.ActorName));
        Assert.Empty(await AuditTestData.AllAsync(database, AuditActions.SignOut));
    }

    [Fact]
    public async Task ExportService_Export_RecordsExportDownloaded()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync();
        using var origin = AuditContext.Use(new AuditOrigin("local", "local", "127.0.0.1"));

        Assert.IsType<ExportOutcome.Exported>(await bed.Export.ExportAsync(template.Id, 1, ExportFormat.Prompty, Ct));

        var entry = await AuditTestData.SingleAsync(bed.Db, AuditActions.ExportDownloaded);
        Assert.Equal(("local", template.Name, "v1 as prompty"), (entry.ActorName, entry.TargetName, entry.Details));
    }

    [Fact]
    public async Task ImportService_Apply_RecordsImportAndTheNewVersionInOneSave()
    {
        await using var source = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await source.CreateValidatedAsync();
        var file = Assert.IsType<ExportOutcome.Exported>(await source.Export.ExportAsync(template.Id, 1, ExportFormat.Bundle, Ct)).File;
        await using var target = await ExportTestBed.CreateAsync(provider: Provider);

        var imported = Assert.IsType<ImportOutcome.Imported>(await target.Import.ApplyAsync(Encoding.UTF8.GetBytes(file.Content), "trip.json", "bob", Ct));

        var entry = await AuditTestData.SingleAsync(target.Db, AuditActions.ImportApplied);
        Assert.Equal(("bob", imported.TemplateId.ToString()), (entry.ActorName, entry.TargetId));
        Assert.Contains("(new template)", entry.Details, StringComparison.Ordinal);
        Assert.Equal("bob", (await AuditTestData.SingleAsync(target.Db, AuditActions.TemplateVersionCreated)).ActorName);
    }

    [Fact]
    public async Task ImportService_BundleWithANewSchema_RecordsSchemaVersionCreatedByTheImporter()
    {
        await using var source = await ExportTestBed.CreateAsync();
        var (template, _) = await source.CreateValidatedAsync();
        var file = Assert.IsType<ExportOutcome.Exported>(await source.Export.ExportAsync(template.Id, 1, ExportFormat.Bundle, Ct)).File;
        await using var target = await ExportTestBed.CreateAsync();

        Assert.IsType<ImportOutcome.Imported>(await target.Import.ApplyAsync(Encoding.UTF8.GetBytes(file.Content), "trip.json", "bob", Ct));

        var entry = await AuditTestData.SingleAsync(target.Db, AuditActions.SchemaVersionCreated);
        var schema = Assert.Single(await target.Schemas.ListAsync(null, Ct));
        Assert.Equal(("bob", AuditTargets.Schema, schema.Id.ToString(), schema.Name), (entry.ActorName, entry.TargetKind, entry.TargetId, entry.TargetName));
        Assert.StartsWith("v1 (new schema): ", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditActions_SettingsChanged_IsNotOfferedBecauseNothingRecordsIt()
    {
        Assert.False(AuditActions.IsKnown("settings.changed"));
        Assert.DoesNotContain("settings.changed", AuditActions.All);
    }
}

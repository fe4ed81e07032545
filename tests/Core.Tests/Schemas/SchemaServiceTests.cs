using Workbench.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Schemas;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.Schemas;

public class SchemaServiceTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    internal const string Contact = """
        {
          "type": "object",
          "properties": { "name": { "type": "string" }, "email": { "type": "string" } },
          "required": ["name"]
        }
        """;

    private const string ContactV2 = """
        {
          "type": "object",
          "properties": { "name": { "type": "string" }, "email": { "type": "string" }, "phone": { "type": "string" } },
          "required": ["name", "email"]
        }
        """;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(TestDatabase Db, SchemaService Service, SchemaSummary Schema)> CreateSchemaAsync(string name = "Contact")
    {
        var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateSchemaService();
        var created = await service.CreateAsync(new NewSchema(name, "A person", Contact), "alice", Ct);
        Assert.True(created.Succeeded, string.Join("; ", created.Problems));
        return (db, service, created.Value!);
    }

    [Fact]
    public async Task Create_ValidSchema_StoresVersionOneVerbatim()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;

        var v1 = Assert.Single(await service.ListVersionsAsync(schema.Id, Ct));

        Assert.Equal(1, v1.Number);
        Assert.Equal(Contact, v1.SchemaJson);
        Assert.Equal("alice", v1.Author);
        Assert.Equal("Contact", Assert.Single(await service.ListAsync(null, Ct)).Name);
    }

    [Fact]
    public async Task FindByName_OtherCase_FindsTheSchemaElseNull()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;

        Assert.Equal(schema.Id, (await service.FindByNameAsync(" CONTACT", Ct))?.Id);
        Assert.Null(await service.FindByNameAsync("Contacts", Ct));
    }

    [Fact]
    public async Task Create_NameDiffersOnlyInCase_IsRejected()
    {
        var (db, service, _) = await CreateSchemaAsync();
        await using var _db = db;

        var second = await service.CreateAsync(new NewSchema(" CONTACT ", null, Contact), "bob", Ct);

        var problem = Assert.Single(second.Problems);
        Assert.Equal("name", problem.Field);
        Assert.Contains("already exists", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_InvalidJson_IsRejectedWithLineAndColumn()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateSchemaService();

        var result = await service.CreateAsync(new NewSchema("Broken", null, "{\n  \"type\": \"object\",\n  \"properties\": {,\n}"), "alice", Ct);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("schema", problem.Field);
        Assert.Equal(3, problem.Line);
        Assert.NotNull(problem.Column);
        Assert.Empty(await service.ListAsync(null, Ct));
    }

    [Fact]
    public async Task SaveVersion_NotAValidSchema_IsRejectedAtTheOffendingLine()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;

        var outcome = await service.SaveVersionAsync(schema.Id, 1, "{\n  \"type\": \"object\",\n  \"minProperties\": \"two\"\n}", null, "alice", Ct);

        var rejected = Assert.IsType<SchemaSaveOutcome.Rejected>(outcome);
        var problem = Assert.Single(rejected.Problems, p => p.Line == 3);
        Assert.Contains("minProperties", problem.Message, StringComparison.Ordinal);
        Assert.Single(await service.ListVersionsAsync(schema.Id, Ct));
    }

    [Fact]
    public async Task SaveVersion_FromLatest_CreatesNextVersion()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;

        var outcome = await service.SaveVersionAsync(schema.Id, 1, ContactV2, "Email required", "bob", Ct);

        var saved = Assert.IsType<SchemaSaveOutcome.Saved>(outcome);
        Assert.Equal((2, 1, "Email required"), (saved.Version.Number, saved.Version.BaseVersionNumber!.Value, saved.Version.CommitMessage));
        Assert.Equal(2, (await service.GetAsync(schema.Id, Ct))!.LatestVersionNumber);
        Assert.Equal(ContactV2, (await service.GetLatestVersionAsync(schema.Id, Ct))!.SchemaJson);
    }

    [Fact]
    public async Task SaveVersion_FromStaleBase_IsConflictAndWritesNothing()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        await service.SaveVersionAsync(schema.Id, 1, ContactV2, null, "alice", Ct);

        var outcome = await service.SaveVersionAsync(schema.Id, 1, Contact.Replace("\"name\"]", "\"email\"]", StringComparison.Ordinal), null, "bob", Ct);

        var conflict = Assert.IsType<SchemaSaveOutcome.Conflict>(outcome);
        Assert.Equal(1, conflict.BaseVersionNumber);
        Assert.Equal(2, conflict.Latest.Number);
        Assert.Equal(2, (await service.ListVersionsAsync(schema.Id, Ct)).Count);
    }

    [Fact]
    public async Task SaveVersion_UnknownSchema_IsNotFound()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        var outcome = await db.CreateSchemaService().SaveVersionAsync(Guid.NewGuid(), 1, Contact, null, "alice", Ct);

        Assert.IsType<SchemaSaveOutcome.NotFound>(outcome);
    }

    [Fact]
    public async Task Versions_UpdateThroughEfCore_IsRefused()
    {
        var (db, _, schema) = await CreateSchemaAsync();
        await using var _db = db;
        await using var context = await db.Factory.CreateDbContextAsync(Ct);
        var version = await context.SchemaVersions.SingleAsync(v => v.SchemaId == schema.Id, Ct);

        version.SchemaJson = "{}";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync(Ct));
        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_UpdateWithRawSql_IsRefusedByTheDatabase()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _db = db;
        await using var context = await db.Factory.CreateDbContextAsync(Ct);

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            context.Database.ExecuteSqlRawAsync("UPDATE \"SchemaVersions\" SET \"SchemaJson\" = 'true'", Ct));

        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
        Assert.Equal(Contact, (await service.GetVersionAsync(schema.Id, 1, Ct))!.SchemaJson);
    }

    [Fact]
    public async Task SetLabel_NewThenMoved_PointsAtLatestAndRecordsEachMove()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        await service.SaveVersionAsync(schema.Id, 1, ContactV2, null, "alice", Ct);

        await service.SetLabelAsync(schema.Id, "production", 1, "alice", Ct);
        db.Time.Advance(TimeSpan.FromMinutes(5));
        var moved = await service.SetLabelAsync(schema.Id, "production", 2, "bob", Ct);
        var bad = await service.SetLabelAsync(schema.Id, "Prod!", 2, "bob", Ct);
        var missing = await service.SetLabelAsync(schema.Id, "staging", 9, "bob", Ct);

        Assert.True(moved.Succeeded);
        Assert.Equal("label", Assert.Single(bad.Problems).Field);
        Assert.Contains("does not exist", Assert.Single(missing.Problems).Message, StringComparison.Ordinal);
        var label = Assert.Single(await service.ListLabelsAsync(schema.Id, Ct));
        Assert.Equal(("production", 2, "bob"), (label.Name, label.VersionNumber, label.UpdatedBy));
        var moves = await service.ListLabelMovesAsync(schema.Id, Ct);
        Assert.Equal(2, moves.Count);
        Assert.Equal((1, 2), (moves[0].FromVersionNumber!.Value, moves[0].ToVersionNumber!.Value));
        Assert.Null(moves[1].FromVersionNumber);
    }

    [Fact]
    public async Task RemoveLabel_Existing_RemovesAndRecords()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        await service.SetLabelAsync(schema.Id, "staging", 1, "alice", Ct);

        Assert.True(await service.RemoveLabelAsync(schema.Id, "staging", "alice", Ct));

        Assert.Empty(await service.ListLabelsAsync(schema.Id, Ct));
        Assert.Null((await service.ListLabelMovesAsync(schema.Id, Ct))[0].ToVersionNumber);
    }

    [Fact]
    public async Task RestoreAsNewVersion_OldVersion_CreatesNewVersionWithItsText()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        await service.SaveVersionAsync(schema.Id, 1, ContactV2, null, "alice", Ct);

        var outcome = await service.RestoreAsNewVersionAsync(schema.Id, 1, "bob", Ct);

        var saved = Assert.IsType<SchemaSaveOutcome.Saved>(outcome);
        Assert.Equal(3, saved.Version.Number);
        Assert.Equal(Contact, saved.Version.SchemaJson);
        Assert.Equal("Restored from v1", saved.Version.CommitMessage);
    }

    [Fact]
    public async Task UpdateMetadata_RenameToExistingName_IsRejected()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        await service.CreateAsync(new NewSchema("Ticket", null, Contact), "a", Ct);

        var clash = await service.UpdateMetadataAsync(schema.Id, "ticket", null, Ct);
        var ok = await service.UpdateMetadataAsync(schema.Id, "Contact details", "new", Ct);

        Assert.False(clash.Succeeded);
        Assert.Equal("Contact details", ok.Value!.Name);
    }
}

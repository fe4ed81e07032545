using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;
using Workbench.Core.Schemas;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.Schemas;

public class SchemaDraftTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private const string HalfTyped = """
        {
          "type": "object",
          "properties": { "name": { "type": "str
        """;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(TestDatabase Db, SchemaService Service, SchemaSummary Schema)> CreateSchemaAsync()
    {
        var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateSchemaService();
        var created = await service.CreateAsync(new NewSchema("Contact", "A person", SchemaServiceTests.Contact), "alice", Ct);
        Assert.True(created.Succeeded, string.Join("; ", created.Problems));
        return (db, service, created.Value!);
    }

    [Fact]
    public async Task Draft_HalfTypedText_IsStoredAndRestoredWithItsBase()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;

        var kept = await service.SaveDraftAsync(schema.Id, "alice", 1, HalfTyped, cancellationToken: Ct);
        var readBack = await db.CreateSchemaService().GetDraftAsync(schema.Id, "alice", Ct);

        Assert.True(kept);
        Assert.NotNull(readBack);
        Assert.Equal(HalfTyped, readBack.SchemaJson);
        Assert.Equal(1, readBack.BaseVersionNumber);
        Assert.Equal(schema.Id, readBack.SchemaId);
        Assert.Equal(db.Time.GetUtcNow().UtcDateTime, readBack.UpdatedAtUtc);
    }

    [Fact]
    public async Task Draft_SavedTwice_OneRowWithTheLatestText()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;

        await service.SaveDraftAsync(schema.Id, "alice", 1, HalfTyped, cancellationToken: Ct);
        await service.SaveDraftAsync(schema.Id, "alice", 1, HalfTyped + "ing\" } } }", cancellationToken: Ct);

        await using var context = await db.Factory.CreateDbContextAsync(Ct);
        var row = Assert.Single(await context.SchemaDrafts.ToListAsync(Ct));
        Assert.Contains("ing\\u0022 } } }", row.ContentJson, StringComparison.Ordinal);
        Assert.Equal(HalfTyped + "ing\" } } }", (await service.GetDraftAsync(schema.Id, "alice", Ct))?.SchemaJson);
    }

    [Fact]
    public async Task Draft_EqualToItsBase_IsDeleted()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        await service.SaveDraftAsync(schema.Id, "alice", 1, HalfTyped, cancellationToken: Ct);

        var kept = await service.SaveDraftAsync(schema.Id, "alice", 1, SchemaServiceTests.Contact, cancellationToken: Ct);

        Assert.False(kept);
        Assert.Null(await service.GetDraftAsync(schema.Id, "alice", Ct));
    }

    [Fact]
    public async Task Draft_OtherUsers_AreIsolated()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;

        await service.SaveDraftAsync(schema.Id, "alice", 1, HalfTyped, cancellationToken: Ct);
        await service.SaveDraftAsync(null, "alice", 0, "{}", "Alice's new one", null, Ct);
        await service.SaveDraftAsync(schema.Id, "bob", 1, "{ \"type\": \"array\" }", cancellationToken: Ct);
        await service.DiscardDraftAsync(schema.Id, "bob", Ct);

        Assert.Null(await service.GetDraftAsync(schema.Id, "bob", Ct));
        Assert.Null(await service.GetDraftAsync(null, "bob", Ct));
        Assert.Equal(HalfTyped, (await service.GetDraftAsync(schema.Id, "alice", Ct))?.SchemaJson);
        Assert.Equal("Alice's new one", (await service.GetDraftAsync(null, "alice", Ct))?.Name);
    }

    [Fact]
    public async Task SaveVersion_Success_RemovesOnlyThatUsersDraft()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        var edited = SchemaServiceTests.Contact.Replace("\"name\"]", "\"name\", \"email\"]", StringComparison.Ordinal);
        await service.SaveDraftAsync(schema.Id, "alice", 1, edited, cancellationToken: Ct);
        await service.SaveDraftAsync(schema.Id, "bob", 1, HalfTyped, cancellationToken: Ct);

        var outcome = await service.SaveVersionAsync(schema.Id, 1, edited, "email required", "alice", Ct);

        Assert.IsType<SchemaSaveOutcome.Saved>(outcome);
        Assert.Null(await service.GetDraftAsync(schema.Id, "alice", Ct));
        Assert.NotNull(await service.GetDraftAsync(schema.Id, "bob", Ct));
    }

    [Fact]
    public async Task SaveVersion_InvalidSchema_RejectedAndDraftKept()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        await service.SaveDraftAsync(schema.Id, "alice", 1, HalfTyped, cancellationToken: Ct);

        var outcome = await service.SaveVersionAsync(schema.Id, 1, HalfTyped, null, "alice", Ct);

        Assert.IsType<SchemaSaveOutcome.Rejected>(outcome);
        Assert.Equal(HalfTyped, (await service.GetDraftAsync(schema.Id, "alice", Ct))?.SchemaJson);
    }

    [Fact]
    public async Task SaveVersion_BaseMovedOn_ConflictWithTheNewerVersionAndDraftKept()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        var mine = SchemaServiceTests.Contact.Replace("\"name\"]", "\"email\"]", StringComparison.Ordinal);
        var theirs = SchemaServiceTests.Contact.Replace("\"object\"", "\"object\", \"minProperties\": 1", StringComparison.Ordinal);
        await service.SaveDraftAsync(schema.Id, "bob", 1, mine, cancellationToken: Ct);
        Assert.IsType<SchemaSaveOutcome.Saved>(await service.SaveVersionAsync(schema.Id, 1, theirs, "theirs", "alice", Ct));

        var outcome = await service.SaveVersionAsync(schema.Id, 1, mine, "mine", "bob", Ct);

        var conflict = Assert.IsType<SchemaSaveOutcome.Conflict>(outcome);
        Assert.Equal(1, conflict.BaseVersionNumber);
        Assert.Equal(2, conflict.Latest.Number);
        Assert.Equal(theirs, conflict.Latest.SchemaJson);
        var draft = await service.GetDraftAsync(schema.Id, "bob", Ct);
        Assert.Equal(mine, draft?.SchemaJson);
        Assert.Equal(1, draft?.BaseVersionNumber);
        Assert.Equal(2, (await service.GetLatestVersionAsync(schema.Id, Ct))?.Number);
    }

    [Fact]
    public async Task NewSchemaDraft_CreatedFromIt_DraftRemovedWithTheCreate()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateSchemaService();
        await service.SaveDraftAsync(null, "alice", 0, HalfTyped, "Invoice", "Totals", Ct);
        var draft = await service.GetDraftAsync(null, "alice", Ct);
        Assert.NotNull(draft);
        Assert.Equal(("Invoice", "Totals", 0, (Guid?)null), (draft.Name, draft.Description, draft.BaseVersionNumber, draft.SchemaId));

        var invalid = await service.CreateAsync(new NewSchema("Invoice", "Totals", HalfTyped, FromDraft: true), "alice", Ct);
        Assert.False(invalid.Succeeded);
        Assert.NotNull(await service.GetDraftAsync(null, "alice", Ct));

        var created = await service.CreateAsync(new NewSchema("Invoice", "Totals", SchemaServiceTests.Contact, FromDraft: true), "alice", Ct);

        Assert.True(created.Succeeded);
        Assert.Null(await service.GetDraftAsync(null, "alice", Ct));
    }

    [Fact]
    public async Task NewSchemaDraft_AnotherCreateNotFromTheDraft_KeepsIt()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateSchemaService();
        await service.SaveDraftAsync(null, "alice", 0, HalfTyped, "Invoice", null, Ct);

        Assert.True((await service.CreateAsync(new NewSchema("Example", null, SchemaServiceTests.Contact), "alice", Ct)).Succeeded);

        Assert.Equal(HalfTyped, (await service.GetDraftAsync(null, "alice", Ct))?.SchemaJson);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(SchemaService.BlankSchemaJson, "  ")]
    public async Task NewSchemaDraft_BlankSchemaAndNoName_IsNoDraft(string text, string name)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateSchemaService();
        await service.SaveDraftAsync(null, "alice", 0, HalfTyped, "Invoice", null, Ct);

        var kept = await service.SaveDraftAsync(null, "alice", 0, text, name, null, Ct);

        Assert.False(kept);
        Assert.Null(await service.GetDraftAsync(null, "alice", Ct));
    }

    [Fact]
    public async Task Draft_WithPlantedPiiAndKey_IsRedactedInTheDatabaseFileAndStillReadsBack()
    {
        var (db, service, schema) = await CreateSchemaAsync();
        await using var _ = db;
        var email = "jane.roe" + "@" + "example.com";
        var phone = "415 555 " + "0123";
        var key = "sk-test-" + "4f9aQ2mX7rT1vB8nK3pL6wZ0";
        var text = SchemaServiceTests.Contact.Replace("\"type\": \"object\",", $"\"type\": \"object\", \"description\": \"Ask {email} or call (415) 555-0123\", \"examples\": [\"{key}\"],", StringComparison.Ordinal);

        await service.SaveDraftAsync(schema.Id, "alice", 1, text, cancellationToken: Ct);
        await service.SaveDraftAsync(null, "bob", 0, $"{{ \"description\": \"write to {email}, call +1 {phone}\" }}", $"Customer {email}", $"key {key}", Ct);
        var readBack = await service.GetDraftAsync(schema.Id, "alice", Ct);
        var newDraft = await service.GetDraftAsync(null, "bob", Ct);
        var raw = await db.ReadRawAsync(Ct);

        Assert.Contains("[EMAIL", readBack?.SchemaJson, StringComparison.Ordinal);
        Assert.Contains("\"required\": [\"name\"]", readBack?.SchemaJson, StringComparison.Ordinal);
        Assert.Contains("[EMAIL", newDraft?.Name, StringComparison.Ordinal);
        Assert.Contains("[SECRET", newDraft?.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.roe", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("555-0123", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("4f9aQ2mX7rT1vB8nK3pL6wZ0", raw, StringComparison.Ordinal);
    }
}

using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;
using Workbench.Core.Templates;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.Templates;

public class TemplateServiceTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    internal static TemplateContent Content(string user = "Hello {{ name }}", string? system = "You are helpful.") => new(
        system is null ? [new TemplateMessage(MessageRole.User, user)] : [new TemplateMessage(MessageRole.System, system), new TemplateMessage(MessageRole.User, user)],
        ModelSettings.Default,
        [new VariableDeclaration("name", "Who to greet", true, null, "Ada")]);

    private async Task<(TestDatabase Db, TemplateService Service, TemplateSummary Template)> CreateTemplateAsync(string name = "Greeting")
    {
        var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateTemplateService();
        var created = await service.CreateAsync(new NewTemplate(name, "Says hello", ["demo"], Content()), "alice", Ct);
        Assert.True(created.Succeeded, string.Join("; ", created.Problems));
        return (db, service, created.Value!);
    }

    [Fact]
    public async Task Create_ValidTemplate_StoresVersionOne()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;

        var versions = await service.ListVersionsAsync(template.Id, Ct);

        var v1 = Assert.Single(versions);
        Assert.Equal(1, v1.Number);
        Assert.Equal("alice", v1.Author);
        Assert.Equal("Hello {{ name }}", v1.Content.Messages[1].Text);
        Assert.Equal(db.Time.GetUtcNow().UtcDateTime, v1.CreatedAtUtc);
    }

    [Theory]
    [InlineData("Greeting")]
    [InlineData("  gREETING ")]
    public async Task FindByName_AnyCaseOrSurroundingSpaces_FindsTheTemplate(string name)
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;

        var found = await service.FindByNameAsync(name, Ct);

        Assert.Equal(template.Id, found?.Id);
        Assert.Null(await service.FindByNameAsync("Greetings", Ct));
    }

    [Theory]
    [InlineData("greeting")]
    [InlineData("  GREETING ")]
    public async Task Create_NameDiffersOnlyInCaseOrSpaces_IsRejectedAsCollision(string otherName)
    {
        var (db, service, _) = await CreateTemplateAsync();
        await using var _db = db;

        var second = await service.CreateAsync(new NewTemplate(otherName, null, [], Content()), "bob", Ct);

        var problem = Assert.Single(second.Problems);
        Assert.Equal("name", problem.Field);
        Assert.Contains("already exists", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("-starts-with-dash", "start with a letter or digit")]
    [InlineData("has\u0007bell", "Use letters")]
    public async Task Create_InvalidName_SaysWhatIsWrong(string name, string expected)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateTemplateService();

        var result = await service.CreateAsync(new NewTemplate(name, null, [], Content()), "alice", Ct);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Field == "name" && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_UndeclaredVariable_IsRejectedWithLineAndColumn()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateTemplateService();
        var content = Content(user: "Hi {{ name }}\nYour order {{ order_id }}");

        var result = await service.CreateAsync(new NewTemplate("Orders", null, [], content), "alice", Ct);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("messages[1]", problem.Field);
        Assert.Equal(2, problem.Line);
        Assert.Contains("order_id", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveVersion_FromLatest_CreatesNextNumberAndKeepsOldVersionUnchanged()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;

        var outcome = await service.SaveVersionAsync(template.Id, 1, Content("Hi there {{ name }}"), "Friendlier", "bob", Ct);

        var saved = Assert.IsType<SaveVersionOutcome.Saved>(outcome);
        Assert.Equal(2, saved.Version.Number);
        Assert.Equal(1, saved.Version.BaseVersionNumber);
        Assert.Equal("Friendlier", saved.Version.CommitMessage);
        var v1 = await service.GetVersionAsync(template.Id, 1, Ct);
        Assert.Equal("Hello {{ name }}", v1!.Content.Messages[1].Text);
        Assert.Equal(2, (await service.GetAsync(template.Id, Ct))!.LatestVersionNumber);
    }

    [Fact]
    public async Task SaveVersion_TwoSavesFromSameBase_SecondGetsConflictAndNothingIsOverwritten()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;

        var first = await service.SaveVersionAsync(template.Id, 1, Content("Alice's edit {{ name }}"), null, "alice", Ct);
        var second = await service.SaveVersionAsync(template.Id, 1, Content("Bob's edit {{ name }}"), null, "bob", Ct);

        Assert.IsType<SaveVersionOutcome.Saved>(first);
        var conflict = Assert.IsType<SaveVersionOutcome.Conflict>(second);
        Assert.Equal(1, conflict.BaseVersionNumber);
        Assert.Equal(2, conflict.Latest.Number);
        Assert.Equal("alice", conflict.Latest.Author);
        Assert.Equal(2, (await service.ListVersionsAsync(template.Id, Ct)).Count);
    }

    [Fact]
    public async Task SaveVersion_ConcurrentSavesFromSameBase_ExactlyOneWins()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => service.SaveVersionAsync(template.Id, 1, Content($"Edit {i} {{{{ name }}}}"), null, $"user{i}", Ct), Ct)));

        Assert.Single(outcomes.OfType<SaveVersionOutcome.Saved>());
        Assert.Equal(5, outcomes.OfType<SaveVersionOutcome.Conflict>().Count());
        Assert.Equal(2, (await service.ListVersionsAsync(template.Id, Ct)).Count);
    }

    [Fact]
    public async Task SaveVersion_InvalidTemplate_IsRejectedAndDraftIsKept()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;
        var broken = Content("Hello {{ name ");
        await service.SaveDraftAsync(template.Id, "alice", 1, broken, Ct);

        var outcome = await service.SaveVersionAsync(template.Id, 1, broken, null, "alice", Ct);

        var rejected = Assert.IsType<SaveVersionOutcome.Rejected>(outcome);
        Assert.Contains(rejected.Problems, p => p.Field == "messages[1]" && p.Line == 1);
        Assert.NotNull(await service.GetDraftAsync(template.Id, "alice", Ct));
    }

    [Fact]
    public async Task SaveVersion_Conflict_KeepsTheDraft()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;
        await service.SaveDraftAsync(template.Id, "bob", 1, Content("Bob's draft {{ name }}"), Ct);
        await service.SaveVersionAsync(template.Id, 1, Content("Alice {{ name }}"), null, "alice", Ct);

        var outcome = await service.SaveVersionAsync(template.Id, 1, Content("Bob's draft {{ name }}"), null, "bob", Ct);

        Assert.IsType<SaveVersionOutcome.Conflict>(outcome);
        var draft = await service.GetDraftAsync(template.Id, "bob", Ct);
        Assert.Equal("Bob's draft {{ name }}", draft!.Content.Messages[1].Text);
    }

    [Fact]
    public async Task SaveVersion_Success_RemovesOnlyThatUsersDraft()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;
        await service.SaveDraftAsync(template.Id, "alice", 1, Content("A {{ name }}"), Ct);
        await service.SaveDraftAsync(template.Id, "bob", 1, Content("B {{ name }}"), Ct);

        await service.SaveVersionAsync(template.Id, 1, Content("A {{ name }}"), null, "alice", Ct);

        Assert.Null(await service.GetDraftAsync(template.Id, "alice", Ct));
        Assert.NotNull(await service.GetDraftAsync(template.Id, "bob", Ct));
    }

    [Fact]
    public async Task Versions_UpdateThroughEfCore_IsRefused()
    {
        var (db, _, template) = await CreateTemplateAsync();
        await using var _db = db;
        await using var context = await db.Factory.CreateDbContextAsync(Ct);
        var version = await context.TemplateVersions.SingleAsync(v => v.TemplateId == template.Id, Ct);

        version.CommitMessage = "rewritten history";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync(Ct));
        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_UpdateWithRawSql_IsRefusedByTheDatabase()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _db = db;
        await using var context = await db.Factory.CreateDbContextAsync(Ct);

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            context.Database.ExecuteSqlRawAsync("""UPDATE "TemplateVersions" SET "CommitMessage" = 'rewritten'""", Ct));

        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
        Assert.Equal("Hello {{ name }}", (await service.GetVersionAsync(template.Id, 1, Ct))!.Content.Messages[1].Text);
    }

    [Fact]
    public async Task SetLabel_NewThenMoved_PointsAtLatestAndRecordsEachMove()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;
        await service.SaveVersionAsync(template.Id, 1, Content("v2 {{ name }}"), null, "alice", Ct);

        await service.SetLabelAsync(template.Id, "production", 1, "alice", Ct);
        db.Time.Advance(TimeSpan.FromMinutes(5));
        var moved = await service.SetLabelAsync(template.Id, "production", 2, "bob", Ct);

        Assert.True(moved.Succeeded);
        var label = Assert.Single(await service.ListLabelsAsync(template.Id, Ct));
        Assert.Equal(("production", 2, "bob"), (label.Name, label.VersionNumber, label.UpdatedBy));
        var moves = await service.ListLabelMovesAsync(template.Id, Ct);
        Assert.Equal(2, moves.Count);
        Assert.Equal((1, 2, "bob"), (moves[0].FromVersionNumber!.Value, moves[0].ToVersionNumber!.Value, moves[0].MovedBy));
        Assert.Null(moves[1].FromVersionNumber);
    }

    [Fact]
    public async Task SetLabel_UnknownVersionOrBadName_IsRejected()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;

        var missing = await service.SetLabelAsync(template.Id, "staging", 9, "alice", Ct);
        var badName = await service.SetLabelAsync(template.Id, "Prod Ready!", 1, "alice", Ct);

        Assert.Contains("does not exist", Assert.Single(missing.Problems).Message, StringComparison.Ordinal);
        Assert.Equal("label", Assert.Single(badName.Problems).Field);
        Assert.Empty(await service.ListLabelsAsync(template.Id, Ct));
    }

    [Fact]
    public async Task RemoveLabel_Existing_RemovesAndRecords()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;
        await service.SetLabelAsync(template.Id, "staging", 1, "alice", Ct);

        Assert.True(await service.RemoveLabelAsync(template.Id, "staging", "alice", Ct));

        Assert.Empty(await service.ListLabelsAsync(template.Id, Ct));
        Assert.Null((await service.ListLabelMovesAsync(template.Id, Ct))[0].ToVersionNumber);
    }

    [Fact]
    public async Task RestoreAsNewVersion_OldVersion_CreatesNewVersionWithItsContent()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;
        await service.SaveVersionAsync(template.Id, 1, Content("v2 {{ name }}"), null, "alice", Ct);

        var outcome = await service.RestoreAsNewVersionAsync(template.Id, 1, "bob", Ct);

        var saved = Assert.IsType<SaveVersionOutcome.Saved>(outcome);
        Assert.Equal(3, saved.Version.Number);
        Assert.Equal("Hello {{ name }}", saved.Version.Content.Messages[1].Text);
        Assert.Equal("Restored from v1", saved.Version.CommitMessage);
        Assert.Equal(3, (await service.ListVersionsAsync(template.Id, Ct)).Count);
    }

    [Fact]
    public async Task Draft_SavedThenReadBack_SurvivesAndCanBeDiscarded()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;
        var halfTyped = Content("Hello {{ na");

        await service.SaveDraftAsync(template.Id, "alice", 1, halfTyped, Ct);
        var readBack = await db.CreateTemplateService().GetDraftAsync(template.Id, "alice", Ct);

        Assert.NotNull(readBack);
        Assert.True(readBack.Content.SameAs(halfTyped));
        Assert.Equal(1, readBack.BaseVersionNumber);
        Assert.Null(await service.GetDraftAsync(template.Id, "bob", Ct));

        await service.DiscardDraftAsync(template.Id, "alice", Ct);
        Assert.Null(await service.GetDraftAsync(template.Id, "alice", Ct));
    }

    [Fact]
    public async Task Draft_WithPlantedPii_IsRedactedInTheDatabaseFileAndStillReadsBack()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;
        var email = "jane.roe" + "@" + "example.com";
        var phone = "+1 415 555 " + "0123";
        var draft = Content($"Write to {email} or call {phone} about {{{{ name }}}}");

        await service.SaveDraftAsync(template.Id, "alice", 1, draft, Ct);
        var readBack = await service.GetDraftAsync(template.Id, "alice", Ct);
        var text = await db.ReadRawAsync(Ct);

        Assert.NotNull(readBack);
        Assert.Contains("[EMAIL", readBack.Content.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Contains("{{ name }}", readBack.Content.Messages[^1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(email, text, StringComparison.Ordinal);
        Assert.DoesNotContain("555 0123", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_SearchTagAndSort_FilterAsExpected()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var service = db.CreateTemplateService();
        await service.CreateAsync(new NewTemplate("Zeta summarizer", "Summaries", ["summaries"], Content()), "a", Ct);
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await service.CreateAsync(new NewTemplate("Alpha extractor", "Pulls contact details", ["extraction", "json"], Content()), "a", Ct);

        var byName = await service.ListAsync(new TemplateQuery(Sort: TemplateSort.Name), Ct);
        var recent = await service.ListAsync(new TemplateQuery(), Ct);
        var search = await service.ListAsync(new TemplateQuery(Search: "CONTACT"), Ct);
        var tag = await service.ListAsync(new TemplateQuery(Tag: "summaries"), Ct);

        Assert.Equal(["Alpha extractor", "Zeta summarizer"], byName.Select(t => t.Name));
        Assert.Equal("Alpha extractor", recent[0].Name);
        Assert.Equal("Alpha extractor", Assert.Single(search).Name);
        Assert.Equal("Zeta summarizer", Assert.Single(tag).Name);
        Assert.Equal(["extraction", "json", "summaries"], await service.ListTagsAsync(Ct));
    }

    [Fact]
    public async Task UpdateMetadata_RenameToExistingName_IsRejected()
    {
        var (db, service, template) = await CreateTemplateAsync();
        await using var _ = db;
        await service.CreateAsync(new NewTemplate("Other", null, [], Content()), "a", Ct);

        var result = await service.UpdateMetadataAsync(template.Id, "other", "x", [], Ct);
        var ok = await service.UpdateMetadataAsync(template.Id, "Greeting v2", "new description", ["Mixed-Case"], Ct);

        Assert.False(result.Succeeded);
        Assert.True(ok.Succeeded);
        Assert.Equal(["mixed-case"], ok.Value!.Tags);
    }
}

using Workbench.Core.Persistence;
using Workbench.Core.Templates;
using Workbench.Core.Tests.Templates;
using Workbench.Testing;

namespace Workbench.Core.Tests.Persistence;

public class DraftRowsTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>
    /// The insert race between two tabs of one user: the loser retries as an update. Template drafts used a bulk
    /// <c>ExecuteUpdate</c> there, which bypasses the redaction interceptor; the shared helper updates through change tracking.
    /// </summary>
    [Fact]
    public async Task Upsert_InsertRaceLostToAnotherTab_RetriedUpdateIsRedacted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var template = (await db.CreateTemplateService().CreateAsync(new NewTemplate("Greeting", null, [], TemplateServiceTests.Content()), "alice", Ct)).Value!;
        var email = "jane.roe" + "@" + "example.com";
        var json = TemplateServiceTests.Content($"Write to {email} about {{{{ name }}}}").ToJson();
        var raced = false;

        await DraftRows.UpsertAsync<TemplateDraftEntity>(
            db.Factory,
            d => d.TemplateId == template.Id && d.UserName == "alice",
            (_, _) => Task.FromResult(true),
            () =>
            {
                if (!raced)
                {
                    // The other tab inserts its draft between our read and our insert.
                    raced = true;
                    using var other = db.Factory.CreateDbContext();
                    other.TemplateDrafts.Add(new TemplateDraftEntity { Id = Guid.CreateVersion7(), TemplateId = template.Id, UserName = "alice", ContentJson = TemplateServiceTests.Content().ToJson() });
                    other.SaveChanges();
                }

                return new TemplateDraftEntity { Id = Guid.CreateVersion7(), TemplateId = template.Id, UserName = "alice", ContentJson = json };
            },
            1,
            json,
            db.Time.GetUtcNow().UtcDateTime,
            Ct);

        var draft = await db.CreateTemplateService().GetDraftAsync(template.Id, "alice", Ct);
        var raw = await RawDatabaseFile.ReadAsync(db.DataDirectory, Ct);
        Assert.True(raced);
        Assert.Contains("[EMAIL", draft?.Content.Messages[^1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.roe", raw, StringComparison.Ordinal);
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages.Schemas;
using Workbench.Components.Shared;
using Workbench.Core.Schemas;
using Workbench.Hosting;

namespace Workbench.Tests.Pages;

/// <summary>The schema editor's server-side drafts (ADR-002, ADR-021): restored on load, written after typing, conflicts shown.</summary>
public class SchemaEditorDraftTests
{
    private const string Contact = """
        {
          "type": "object",
          "properties": { "name": { "type": "string" } },
          "required": ["name"]
        }
        """;

    private const string Edited = """
        {
          "type": "object",
          "properties": { "name": { "type": "string" }, "city": { "type": "string" } },
          "required": ["name"]
        }
        """;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static string EditorText(IRenderedComponent<SchemaEditor> cut) =>
        cut.FindComponents<TemplateCodeEditor>().Single(e => e.Instance.TestId == "schema-editor").Instance.Value;

    [Fact]
    public async Task Editor_StoredDraft_RestoresItsTextAndShowsUnsavedChanges()
    {
        await using var context = new PageTestContext();
        var service = context.Services.GetRequiredService<SchemaService>();
        var schema = (await service.CreateAsync(new NewSchema("Contact", null, Contact), "local", Ct)).Value!;
        await service.SaveDraftAsync(schema.Id, CurrentUser.LocalUserName, 1, Edited, cancellationToken: Ct);

        var cut = context.Render<SchemaEditor>(p => p.Add(x => x.SchemaId, schema.Id));
        cut.WaitForElement("[data-testid=schema-valid]");

        Assert.Equal(Edited, EditorText(cut));
        Assert.Contains("Unsaved changes", cut.Find("[data-testid=schema-unsaved]").TextContent, StringComparison.Ordinal);
        Assert.Contains("draft kept", cut.Find("[data-testid=schema-unsaved]").TextContent, StringComparison.Ordinal);
        Assert.Contains("city", cut.Find("[data-testid=schema-outline]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=schema-conflict]"));
    }

    [Fact]
    public async Task Editor_Typing_WritesTheDraftAndTypingTheBaseAgainDeletesIt()
    {
        await using var context = new PageTestContext();
        var service = context.Services.GetRequiredService<SchemaService>();
        var schema = (await service.CreateAsync(new NewSchema("Contact", null, Contact), "local", Ct)).Value!;
        var cut = context.Render<SchemaEditor>(p => p.Add(x => x.SchemaId, schema.Id));
        cut.WaitForElement("[data-testid=schema-valid]");
        var editor = cut.FindComponents<TemplateCodeEditor>().Single(e => e.Instance.TestId == "schema-editor");

        await cut.InvokeAsync(() => editor.Instance.OnEditorTextChanged(Edited));
        cut.WaitForAssertion(() => Assert.Contains("draft kept", cut.Find("[data-testid=schema-unsaved]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(Edited, (await service.GetDraftAsync(schema.Id, CurrentUser.LocalUserName, Ct))?.SchemaJson);

        await cut.InvokeAsync(() => editor.Instance.OnEditorTextChanged(Contact));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=schema-unsaved]")), TimeSpan.FromSeconds(10));
        var deleted = false;
        for (var i = 0; i < 50 && !deleted; i++)
        {
            deleted = await service.GetDraftAsync(schema.Id, CurrentUser.LocalUserName, Ct) is null;
            if (!deleted)
            {
                await Task.Delay(100, Ct);
            }
        }

        Assert.True(deleted, "the draft equal to its base was not deleted");
    }

    [Fact]
    public async Task Editor_DraftOnAnOlderBase_ShowsConflictWithDiffAndKeepsMineOnTop()
    {
        await using var context = new PageTestContext();
        var service = context.Services.GetRequiredService<SchemaService>();
        var schema = (await service.CreateAsync(new NewSchema("Contact", null, Contact), "local", Ct)).Value!;
        await service.SaveDraftAsync(schema.Id, CurrentUser.LocalUserName, 1, Edited, cancellationToken: Ct);
        var theirs = Contact.Replace("\"object\",", "\"object\", \"minProperties\": 1,", StringComparison.Ordinal);
        Assert.IsType<SchemaSaveOutcome.Saved>(await service.SaveVersionAsync(schema.Id, 1, theirs, "theirs", "bob", Ct));

        var cut = context.Render<SchemaEditor>(p => p.Add(x => x.SchemaId, schema.Id));
        cut.WaitForElement("[data-testid=schema-conflict]");
        Assert.Contains("v2", cut.Find("[data-testid=schema-conflict]").TextContent, StringComparison.Ordinal);
        Assert.Contains("v1", cut.Find("[data-testid=schema-base-version]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=schema-conflict-show-diff]").Click();
        var diff = cut.Find("[data-testid=schema-conflict-diff]").TextContent;
        Assert.Contains("minProperties", diff, StringComparison.Ordinal);
        Assert.Contains("city", diff, StringComparison.Ordinal);

        cut.Find("[data-testid=schema-conflict-keep-mine]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=schema-conflict]")));
        Assert.Contains("v2", cut.Find("[data-testid=schema-base-version]").TextContent, StringComparison.Ordinal);
        Assert.Equal(Edited, EditorText(cut));
        var draft = await service.GetDraftAsync(schema.Id, CurrentUser.LocalUserName, Ct);
        Assert.Equal((2, Edited), (draft?.BaseVersionNumber ?? 0, draft?.SchemaJson));
    }

    [Fact]
    public async Task NewSchemaEditor_StoredDraft_RestoresNameAndTextAndCreateRemovesTheDraft()
    {
        await using var context = new PageTestContext();
        var service = context.Services.GetRequiredService<SchemaService>();
        await service.SaveDraftAsync(null, CurrentUser.LocalUserName, 0, Edited, "Customer", "Where they live", Ct);

        var cut = context.Render<SchemaEditor>(p => p.Add(x => x.SchemaId, Guid.Empty));
        cut.WaitForElement("[data-testid=schema-valid]");

        Assert.Equal(Edited, EditorText(cut));
        Assert.Equal("Customer", cut.FindAll("input[data-testid=new-schema-editor-name], [data-testid=new-schema-editor-name] input")[0].GetAttribute("value"));
        Assert.Contains("Not created yet", cut.Find("[data-testid=schema-unsaved]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=schema-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("/schemas/", context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        var created = Assert.Single(await service.ListAsync(null, Ct));
        Assert.Equal(("Customer", "Where they live"), (created.Name, created.Description));
        Assert.Equal(Edited, (await service.GetLatestVersionAsync(created.Id, Ct))?.SchemaJson);
        Assert.Null(await service.GetDraftAsync(null, CurrentUser.LocalUserName, Ct));
    }
}

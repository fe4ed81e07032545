using Microsoft.Playwright;
using Workbench.E2E.Infrastructure;
using Workbench.E2E.Templates;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Schemas;

public class SchemaEditorTests(WorkbenchServer server, BrowserFixture browser)
{
    /// <summary>Creates a blank schema through the UI and returns the editor URL.</summary>
    internal static async Task<string> CreateSchemaAsync(WorkbenchPage session, string name)
    {
        await session.GotoAsync("/schemas");
        var page = session.Page;
        await TemplateEditorTests.Field(page, "new-schema-name").FillAsync(name);
        await page.Locator("[data-testid=new-schema]").ClickAsync();
        await Navigation.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/schemas/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=schema-name]")).ToHaveTextAsync(name);
        await TemplateEditorTests.WaitForEditorsAsync(page);
        return new Uri(page.Url).AbsolutePath;
    }

    [Fact]
    public async Task Schema_WriteInferLinkAndCheckBadSample_IssueIsListed()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        var name = $"Invoice {Guid.NewGuid():N}"[..20];
        var schemaUrl = await CreateSchemaAsync(session, name);
        var schemaEditor = page.Locator("textarea[data-testid=schema-editor]");
        var sampleEditor = page.Locator("textarea[data-testid=sample-editor]");

        // Write a schema: a typo is reported at its line, the fix clears it.
        await schemaEditor.FillAsync("{\n  \"type\": \"object\",\n  \"minProperties\": \"one\"\n}");
        await Expect(page.Locator("[data-testid=schema-editor-errors]")).ToContainTextAsync("Line 3");
        await schemaEditor.FillAsync("{\n  \"type\": \"object\",\n  \"properties\": { \"total\": { \"type\": \"number\" } }\n}");
        await Expect(page.Locator("[data-testid=schema-valid]")).ToBeVisibleAsync();

        // Infer one from an example, then save it as v2.
        await sampleEditor.FillAsync("{ \"customer\": \"Acme\", \"total\": 12.5 }");
        await Expect(page.Locator("[data-testid=sample-valid]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=infer-schema]").ClickAsync();
        await Expect(page.Locator("[data-testid=schema-outline]")).ToContainTextAsync("customer");
        await page.Locator("[data-testid=schema-save-version]").ClickAsync();
        await TemplateEditorTests.Field(page, "commit-message").FillAsync("Inferred from an invoice");
        await page.Locator("[data-testid=confirm-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=schema-base-version]")).ToHaveTextAsync("based on v2");

        // Link it to a template version: the preview shows how the schema reaches the selected provider.
        await TemplateEditorTests.CreateFromExampleAsync(session, "extract-contact-details", $"Linked {Guid.NewGuid():N}"[..20]);
        await page.Locator("[data-testid=output-schema-panel] .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = name }).ClickAsync();
        // The example template uses the simulated provider, which gets the schema natively as the response format.
        await Expect(page.Locator("[data-testid=preview-schema-native]")).ToContainTextAsync("customer");
        await page.Locator("[data-testid=save-version]").ClickAsync();
        await page.Locator("[data-testid=confirm-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=base-version]")).ToHaveTextAsync("based on v2");

        // A bad sample output against the linked schema: the issue is listed with its path and located.
        await session.GotoAsync(schemaUrl);
        await TemplateEditorTests.WaitForEditorsAsync(page);
        await sampleEditor.FillAsync("Here it is:\n```json\n{ \"customer\": \"Acme\", \"total\": \"12 EUR\" }\n```");
        var issue = page.Locator("[data-testid=sample-issue]").Filter(new() { HasText = "/total" });
        await Expect(issue).ToContainTextAsync("line 3");
        await Expect(page.Locator("[data-testid=sample-summary]")).ToContainTextAsync("code block");
        await issue.ClickAsync();
        await Expect(sampleEditor).ToBeFocusedAsync();
        await Expect(page.Locator("[data-testid=sample-pane] .tce-error").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Draft_TypeThenReload_TextIsStillThereAndMarkedUnsaved()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        var url = await CreateSchemaAsync(session, $"Draft {Guid.NewGuid():N}"[..20]);
        const string typed = "{\n  \"type\": \"object\",\n  \"properties\": { \"city\": { \"type\": \"str";

        await page.Locator("textarea[data-testid=schema-editor]").FillAsync(typed);
        await Expect(page.Locator("[data-testid=schema-unsaved]")).ToContainTextAsync("draft kept");

        await session.ReloadAsync();
        await TemplateEditorTests.WaitForEditorsAsync(page);

        Assert.EndsWith(url, page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("textarea[data-testid=schema-editor]")).ToHaveValueAsync(typed);
        await Expect(page.Locator("[data-testid=schema-unsaved]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=schema-editor-errors]")).ToContainTextAsync("not valid JSON");
        await ScreenshotAsync(page, "schema-draft-restored");
    }

    /// <summary>A full-page screenshot into <c>WORKBENCH_SCREENSHOTS</c> when that names a folder (for a human to look at).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable(Tour.ScreenshotTourTests.FolderVariable);
        if (!string.IsNullOrWhiteSpace(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    [Fact]
    public async Task NewSchemaDraft_TypeThenReload_NameAndTextKeptThenCreated()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        var name = $"Fresh {Guid.NewGuid():N}"[..18];
        await session.GotoAsync("/schemas");
        await page.Locator("[data-testid=new-schema-in-editor]").ClickAsync();
        await Navigation.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/schemas/new$"));
        await TemplateEditorTests.WaitForEditorsAsync(page);

        await page.Locator("textarea[data-testid=schema-editor]").FillAsync("{ \"type\": \"array\" }");
        await Expect(page.Locator("[data-testid=schema-unsaved]")).ToContainTextAsync("draft kept");
        await TemplateEditorTests.Field(page, "new-schema-editor-name").FillAsync(name);
        // The create button is enabled once the server has the name; the draft with it is written shortly after.
        await Expect(page.Locator("[data-testid=schema-create]")).ToBeEnabledAsync();
        await Expect(page.Locator("[data-testid=schema-unsaved]")).ToContainTextAsync("draft kept");

        await session.ReloadAsync();
        await TemplateEditorTests.WaitForEditorsAsync(page);
        await Expect(page.Locator("textarea[data-testid=schema-editor]")).ToHaveValueAsync("{ \"type\": \"array\" }");
        await Expect(TemplateEditorTests.Field(page, "new-schema-editor-name")).ToHaveValueAsync(name);
        await ScreenshotAsync(page, "schema-new-draft-restored");

        await page.Locator("[data-testid=schema-create]").ClickAsync();
        await Navigation.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/schemas/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=schema-name]")).ToHaveTextAsync(name);
        await Expect(page.Locator("[data-testid=schema-unsaved]")).ToHaveCountAsync(0);
    }
}

using Microsoft.Playwright;
using Workbench.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Templates;

public class TemplateEditorTests(WorkbenchServer server, BrowserFixture browser)
{
    /// <summary>Creates a template from an example through the UI and returns the editor URL.</summary>
    internal static async Task<string> CreateFromExampleAsync(WorkbenchPage session, string exampleSlug, string name)
    {
        await session.GotoAsync("/templates");
        var page = session.Page;
        var card = page.Locator($"[data-testid=use-example-{exampleSlug}]");
        if (await card.CountAsync() > 0)
        {
            await card.ClickAsync();
        }
        else
        {
            // Not the first template: the list replaces the empty state; the examples are in the header menu.
            await page.Locator("[data-testid=example-menu] button").First.ClickAsync();
            await page.Locator($"[data-testid=menu-example-{exampleSlug}]").ClickAsync();
        }

        await Field(page, "new-template-name").FillAsync(name);
        await page.Locator("[data-testid=create-template]").ClickAsync();
        await Navigation.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/templates/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=template-name]")).ToHaveTextAsync(name);
        await WaitForEditorsAsync(page);
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>A MudBlazor text field's input, whichever element the test id ended up on.</summary>
    internal static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>Waits until every message editor's script is attached (typing before that is also handled, but later).</summary>
    internal static async Task WaitForEditorsAsync(IPage page)
    {
        await page.Locator(".tce-frame[data-tce-ready]").First.WaitForAsync();
        await Expect(page.Locator(".tce-frame:not([data-tce-ready])")).ToHaveCountAsync(0);
    }

    internal static ILocator Editor(IPage page, int index) => page.Locator($"textarea[data-testid=message-editor-{index}]");

    [Fact]
    public async Task Draft_EditThenReload_IsKeptAndMarkedUnsaved()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        var url = await CreateFromExampleAsync(session, "summarize-meeting-notes", $"Draft survival {Guid.NewGuid():N}"[..30]);

        await Editor(page, 1).FillAsync("Summarize in a {{ style }} way, please.\n\n{{ notes }}\n\nKeep it short.");
        await Expect(page.Locator("[data-testid=unsaved-changes]")).ToContainTextAsync("draft kept");

        await session.ReloadAsync();
        await WaitForEditorsAsync(page);

        Assert.EndsWith(url, page.Url, StringComparison.Ordinal);
        await Expect(Editor(page, 1)).ToHaveValueAsync("Summarize in a {{ style }} way, please.\n\n{{ notes }}\n\nKeep it short.");
        await Expect(page.Locator("[data-testid=unsaved-changes]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=preview-message-1]")).ToContainTextAsync("Keep it short.");
    }

    [Fact]
    public async Task Draft_EditThenNavigateAwayAtOnce_IsKept()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        var url = await CreateFromExampleAsync(session, "summarize-meeting-notes", $"Leave at once {Guid.NewGuid():N}"[..30]);

        await Editor(page, 0).FillAsync("Edited, then left straight away.");
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Navigation.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/versions$"));
        await session.GotoAsync(url);

        await Expect(Editor(page, 0)).ToHaveValueAsync("Edited, then left straight away.");
        await Expect(page.Locator("[data-testid=unsaved-changes]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Typing_BeforeEditorScriptIsReady_IsNotLost()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        var url = await CreateFromExampleAsync(session, "summarize-meeting-notes", $"Early typing {Guid.NewGuid():N}"[..29]);

        // Straight after the circuit is interactive, without waiting for the editor scripts.
        await session.GotoAsync(url);
        await Editor(page, 0).FillAsync("Typed at once.");

        await Expect(page.Locator("[data-testid=preview-message-0]")).ToContainTextAsync("Typed at once.");
        await Expect(page.Locator("[data-testid=unsaved-changes]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Preview_NewVariableWithExample_RendersAsYouType()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await CreateFromExampleAsync(session, "summarize-meeting-notes", $"Preview {Guid.NewGuid():N}"[..24]);

        await Editor(page, 0).FillAsync("You greet {{ who }} warmly.");
        await Field(page, "variable-example-who").FillAsync("Ada Lovelace");

        await Expect(page.Locator("[data-testid=preview-message-0]")).ToContainTextAsync("You greet Ada Lovelace warmly.");
        await Expect(page.Locator("[data-testid=token-estimate]")).ToContainTextAsync("tokens");
        // The editor, MudBlazor and Blazor run under the app's Content-Security-Policy without violations.
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Errors_UnclosedTag_ShownWithLineAndColumnAndSaveIsRefused()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await CreateFromExampleAsync(session, "summarize-meeting-notes", $"Errors {Guid.NewGuid():N}"[..23]);

        await Editor(page, 1).FillAsync("First line\nSecond {{ notes ");

        await Expect(page.Locator("[data-testid=message-editor-1-errors]")).ToContainTextAsync("Line 2, column 8");
        await page.Locator("[data-testid=save-version]").ClickAsync();
        await page.Locator("[data-testid=confirm-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=problem-list]")).ToContainTextAsync("messages[1] (line 2, column 8)");
        await Expect(page.Locator("[data-testid=base-version]")).ToHaveTextAsync("based on v1");
    }

    [Fact]
    public async Task SaveVersion_ThenHistory_ShowsNewVersionAndDiff()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        var url = await CreateFromExampleAsync(session, "summarize-meeting-notes", $"Versions {Guid.NewGuid():N}"[..25]);

        await Editor(page, 0).FillAsync("You write short, factual meeting summaries in Markdown. Never invent owners.");
        await Expect(page.Locator("[data-testid=unsaved-changes]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=save-version]").ClickAsync();
        await Field(page, "commit-message").FillAsync("No invented owners");
        await page.Locator("[data-testid=confirm-save]").ClickAsync();

        await Expect(page.Locator("[data-testid=base-version]")).ToHaveTextAsync("based on v2");
        await Expect(page.Locator("[data-testid=unsaved-changes]")).ToHaveCountAsync(0);

        await session.GotoAsync(url + "/versions");
        await Expect(page.Locator("[data-testid=version-table]")).ToContainTextAsync("No invented owners");
        await Expect(page.Locator("[data-testid=version-diff]")).ToContainTextAsync("Never invent owners.");
    }

    [Fact]
    public async Task SaveVersion_SomeoneSavedMeanwhile_ShowsConflictAndKeepsWork()
    {
        await using var first = await browser.NewPageAsync(server);
        var url = await CreateFromExampleAsync(first, "summarize-meeting-notes", $"Conflict {Guid.NewGuid():N}"[..25]);
        await using var second = await browser.NewPageAsync(server);
        await second.GotoAsync(url);
        await WaitForEditorsAsync(second.Page);

        // First tab saves v2.
        await Editor(first.Page, 0).FillAsync("Edit from the first tab.");
        await Expect(first.Page.Locator("[data-testid=unsaved-changes]")).ToBeVisibleAsync();
        await first.Page.Locator("[data-testid=save-version]").ClickAsync();
        await first.Page.Locator("[data-testid=confirm-save]").ClickAsync();
        await Expect(first.Page.Locator("[data-testid=base-version]")).ToHaveTextAsync("based on v2");

        // Second tab, still on v1, saves too.
        await Editor(second.Page, 1).FillAsync("Edit from the second tab: {{ notes }} {{ style }}");
        await Expect(second.Page.Locator("[data-testid=unsaved-changes]")).ToBeVisibleAsync();
        await second.Page.Locator("[data-testid=save-version]").ClickAsync();
        await second.Page.Locator("[data-testid=confirm-save]").ClickAsync();

        await Expect(second.Page.Locator("[data-testid=conflict]")).ToContainTextAsync("v2 was saved by local");
        await second.Page.Locator("[data-testid=conflict-show-diff]").ClickAsync();
        await Expect(second.Page.Locator("[data-testid=conflict]").Locator("..")).ToContainTextAsync("Edit from the first tab.");
        await Expect(Editor(second.Page, 1)).ToHaveValueAsync("Edit from the second tab: {{ notes }} {{ style }}");

        // Resolve: keep mine on top of v2, then save as v3.
        await second.Page.Locator("[data-testid=conflict-keep-mine]").ClickAsync();
        await Expect(second.Page.Locator("[data-testid=base-version]")).ToHaveTextAsync("based on v2");
        await second.Page.Locator("[data-testid=save-version]").ClickAsync();
        await second.Page.Locator("[data-testid=confirm-save]").ClickAsync();
        await Expect(second.Page.Locator("[data-testid=base-version]")).ToHaveTextAsync("based on v3");
    }

    [Fact]
    public async Task LargePaste_OverTheTemplateLimitButUnderTheCircuitLimit_IsRefusedByTheServerAndNothingBreaks()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await CreateFromExampleAsync(session, "summarize-meeting-notes", $"Large paste {Guid.NewGuid():N}"[..28]);

        // 600 K characters: over TemplateLimits.MaxSourceLength (512 K), under the 1 MB circuit message limit.
        await Editor(page, 1).FillAsync(new string('x', 600 * 1024));

        await Expect(page.Locator("[data-testid=message-editor-1-errors]")).ToContainTextAsync("limit", new() { Timeout = 30_000 });
        // The circuit is alive: the draft is kept and a normal edit works again.
        await Expect(page.Locator("[data-testid=unsaved-changes]")).ToBeVisibleAsync();
        await Editor(page, 1).FillAsync("Back to normal: {{ notes }}");
        await Expect(page.Locator("[data-testid=preview-message-1]")).ToContainTextAsync("Back to normal:");
        await Expect(page.Locator("[data-testid=message-editor-1-errors]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task LargePaste_OverTheCircuitLimit_IsKeptInTheBrowserWithAClearMessageAndThePageStaysInteractive()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await CreateFromExampleAsync(session, "summarize-meeting-notes", $"Huge paste {Guid.NewGuid():N}"[..27]);

        // 2 MB: more than one circuit message may carry. The editor refuses it before sending.
        await Editor(page, 1).FillAsync(new string('x', 2 * 1024 * 1024));

        var tooLarge = page.Locator("[data-testid=message-editor-1-too-large]");
        await Expect(tooLarge).ToContainTextAsync("the editor accepts at most 1,032,192", new() { Timeout = 30_000 });
        await Expect(tooLarge).ToContainTextAsync("Templates → Import");
        await Expect(page.Locator("#components-reconnect-modal[open], .components-reconnect-show")).ToHaveCountAsync(0);
        await Editor(page, 1).FillAsync("Back to normal: {{ notes }}");
        await Expect(page.Locator("[data-testid=preview-message-1]")).ToContainTextAsync("Back to normal:");
        await Expect(tooLarge).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task NewTemplate_NameTakenInAnotherCase_SaysSoInTheDialog()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        var name = $"Collision {Guid.NewGuid():N}"[..26];
        await CreateFromExampleAsync(session, "summarize-meeting-notes", name);

        await session.GotoAsync("/templates");
        await page.Locator("[data-testid=new-template]").ClickAsync();
        await Field(page, "new-template-name").FillAsync(name.ToUpperInvariant());
        await page.Locator("[data-testid=create-template]").ClickAsync();

        await Expect(page.GetByText("already exists")).ToBeVisibleAsync();
        Assert.EndsWith("/templates", page.Url, StringComparison.Ordinal);
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.E2E.Infrastructure;
using Workbench.E2E.Runs;
using Workbench.E2E.Templates;
using Workbench.Security;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Security;

/// <summary>
/// Issue 9's "done when", in a real browser in team mode: an author signs in, creates a schema-bound template and runs
/// it; a reviewer approves the run and points <c>production</c> at the version; a viewer can read all of it but every
/// attempt to change something is refused with a message naming the role it needs, and nothing changes.
/// </summary>
public partial class RoleFlowTests(BrowserFixture browser)
{
    private static readonly string Password = string.Join("-", "test", "only", "role", "phrase", "42");

    [GeneratedRegex("/runs/[0-9a-f-]{36}$")]
    private static partial Regex RunUrl();

    [Fact]
    public async Task Roles_AuthorCreatesAndRuns_ReviewerApprovesAndLabels_ViewerCannotEdit()
    {
        await using var server = await WorkbenchServer.StartTeamModeAsync(Password);
        var accounts = server.Services.GetRequiredService<UserAdministration>();
        foreach (var role in new[] { Roles.Author, Roles.Reviewer, Roles.Viewer })
        {
            var created = await accounts.CreateAsync($"{role}@example.test", role, Password, TestContext.Current.CancellationToken);
            Assert.True(created.Succeeded, created.Error);
        }

        var name = $"Roles {Guid.NewGuid():N}"[..16];
        string editor;
        string run;

        // The author creates a schema and a template bound to it, and runs it.
        await using (var author = await SignInAsync(server, Roles.Author))
        {
            var page = author.Page;
            editor = await RunPanelTests.CreateSchemaBoundTemplateAsync(author, name);
            await Expect(page.Locator("[data-testid=read-only-note]")).ToHaveCountAsync(0);
            await RunPanelTests.OpenRunTabAsync(page);
            await page.Locator("[data-testid=run-button]").ClickAsync();
            await Expect(page.Locator("[data-testid=final-answer] [data-testid=run-status]")).ToHaveTextAsync("valid", new() { Timeout = 30_000 });
            await page.Locator("[data-testid=run-details-link]").ClickAsync();
            await Navigation.WaitForUrlAsync(page, RunUrl());
            run = new Uri(page.Url).AbsolutePath;

            // Labels that ship to production are the reviewer's call.
            await author.GotoAsync(editor + "/versions");
            await SetLabelAsync(page, version: 2);
            await Expect(Snackbar(page)).ToContainTextAsync("needs the reviewer role");
            await Expect(page.Locator("[data-testid=version-table]")).Not.ToContainTextAsync("production");
            Assert.Empty(author.Errors);
        }

        // The reviewer approves the run and moves production to v2.
        await using (var reviewer = await SignInAsync(server, Roles.Reviewer))
        {
            var page = reviewer.Page;
            await reviewer.GotoAsync(run);
            await page.Locator("[data-testid=verdict-choice] >> text=Approve").ClickAsync();
            await page.Locator("[data-testid=submit-verdict]").ClickAsync();
            var verdict = page.Locator("[data-testid=verdict-item]").First;
            await Expect(verdict.Locator("[data-testid=verdict-chip]")).ToHaveAttributeAsync("data-verdict", "approved");
            await Expect(verdict).ToContainTextAsync("reviewer@example.test");

            await reviewer.GotoAsync(editor + "/versions");
            await SetLabelAsync(page, version: 2);
            await Expect(page.Locator("[data-testid=version-table]")).ToContainTextAsync("production");
            Assert.Empty(reviewer.Errors);
        }

        // The viewer sees the template, its label, the run and the verdict, and can change none of it.
        await using (var viewer = await SignInAsync(server, Roles.Viewer))
        {
            var page = viewer.Page;
            await viewer.GotoAsync(editor + "/versions");
            await Expect(page.Locator("[data-testid=version-table]")).ToContainTextAsync("production");
            await SetLabelAsync(page, version: 1);
            await Expect(Snackbar(page)).ToContainTextAsync("needs the reviewer role");

            await viewer.GotoAsync(editor);
            await TemplateEditorTests.WaitForEditorsAsync(page);
            await Expect(page.Locator("[data-testid=read-only-note]")).ToContainTextAsync("need the author role");
            await TemplateEditorTests.Editor(page, 0).FillAsync("A viewer's edit that must not be saved.");
            await page.Locator("[data-testid=save-version]").ClickAsync();
            await Expect(Snackbar(page)).ToContainTextAsync("You cannot save a version: that needs the author role");
            await Expect(page.Locator("[data-testid=base-version]")).ToHaveTextAsync("based on v2");
            await ShotAsync(page, "role-viewer-editor");

            await RunPanelTests.OpenRunTabAsync(page);
            await page.Locator("[data-testid=run-button]").ClickAsync();
            await Expect(Snackbar(page)).ToContainTextAsync("You cannot start a run: that needs the author role");

            await viewer.GotoAsync(run);
            await Expect(page.Locator("[data-testid=verdict-item] [data-testid=verdict-chip]").First).ToHaveAttributeAsync("data-verdict", "approved");
            Assert.Empty(viewer.Errors);
        }

        // Nothing the viewer tried was stored: still two versions, one run, one verdict, production on v2.
        await using var check = await SignInAsync(server, Roles.Reviewer);
        await check.GotoAsync(editor + "/versions");
        await Expect(check.Page.Locator("[data-testid=version-table] tbody tr")).ToHaveCountAsync(2);
        await Expect(check.Page.Locator("[data-testid=version-table]")).Not.ToContainTextAsync("viewer@example.test");
        await check.GotoAsync("/runs");
        await Expect(check.Page.Locator("[data-testid=runs-table] [data-testid=run-link]")).ToHaveCountAsync(1);
        await Expect(check.Page.Locator("[data-testid=runs-table] [data-testid=verdict-chip]")).ToHaveAttributeAsync("data-verdict", "approved");
    }

    private async Task<WorkbenchPage> SignInAsync(WorkbenchServer server, string role)
    {
        var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await page.GotoAsync("account/sign-in?returnUrl=%2Ftemplates");
        await page.FillAsync("[data-testid=email]", $"{role}@example.test");
        await page.FillAsync("[data-testid=password]", Password);
        await page.ClickAsync("[data-testid=sign-in]");
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("[data-testid=user-name]")).ToContainTextAsync($"{role}@example.test");
        return session;
    }

    /// <summary>Opens "Set label…" on a version and applies the dialog's default label (<c>production</c>).</summary>
    private static async Task SetLabelAsync(IPage page, int version)
    {
        await page.Locator($"[data-testid=actions-v{version}] button").First.ClickAsync();
        await page.Locator($"[data-testid=set-label-v{version}]").ClickAsync();
        await page.Locator("[data-testid=apply-label]").ClickAsync();
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(Tour.ScreenshotTourTests.FolderVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    private static ILocator Snackbar(IPage page) => page.Locator(".mud-snackbar").Last;
}

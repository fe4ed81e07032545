using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workbench.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Shell;

public class HomePageTests(WorkbenchServer server, BrowserFixture browser)
{
    [Fact]
    public async Task HomePage_Loaded_IsServedAndInteractive()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;

        var response = await session.GotoAsync("/");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await Expect(page).ToHaveTitleAsync("Prompt Workbench");
        await Expect(page.Locator(".mud-main-content").GetByRole(AriaRole.Heading, new() { Name = "Prompt Workbench", Exact = true })).ToBeVisibleAsync();
        var templatesLink = page.Locator("nav.mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Templates", Exact = true });
        await Expect(templatesLink).ToBeVisibleAsync();
        await Expect(templatesLink).ToHaveAttributeAsync("href", "templates");

        // Interactive: the menu button closes the drawer, which only a live circuit can do.
        var drawer = page.Locator(".mud-drawer");
        await Expect(drawer).ToHaveClassAsync(new Regex("mud-drawer--open"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(drawer).ToHaveClassAsync(new Regex("mud-drawer--closed"));
        Assert.Empty(session.Errors);
    }
}

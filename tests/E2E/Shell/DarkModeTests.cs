using Workbench.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Shell;

public class DarkModeTests(WorkbenchServer server, BrowserFixture browser)
{
    [Fact]
    public async Task DarkModeToggle_Clicked_SwitchesThemeAndSurvivesReload()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await session.GotoAsync("/");
        await session.WaitForThemeAsync(dark: false);
        var lightBackground = await session.BodyBackgroundAsync();
        var toggle = page.Locator("[data-testid=dark-mode-toggle]");

        await toggle.ClickAsync();

        await session.WaitForThemeAsync(dark: true);
        var darkBackground = await session.BodyBackgroundAsync();
        Assert.NotEqual(lightBackground, darkBackground);
        Assert.Equal("true", await page.EvaluateAsync<string?>($"() => localStorage.getItem('{WorkbenchPage.DarkModeStorageKey}')"));

        await session.ReloadAsync();

        await session.WaitForThemeAsync(dark: true);
        Assert.Equal(darkBackground, await session.BodyBackgroundAsync());

        // And back: the choice is stored both ways.
        await toggle.ClickAsync();
        await session.WaitForThemeAsync(dark: false);
        Assert.Equal(lightBackground, await session.BodyBackgroundAsync());
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", lightBackground);
        Assert.Equal("false", await page.EvaluateAsync<string?>($"() => localStorage.getItem('{WorkbenchPage.DarkModeStorageKey}')"));
    }
}

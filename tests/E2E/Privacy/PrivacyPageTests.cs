using Microsoft.Playwright;
using Workbench.E2E.Infrastructure;
using Workbench.E2E.Tour;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Privacy;

public class PrivacyPageTests(WorkbenchServer server, BrowserFixture browser)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TryIt_PastedText_HighlightsEverySpan(bool dark)
    {
        await using var session = await browser.NewPageAsync(server, darkMode: dark);
        var page = session.Page;
        await session.GotoAsync("/privacy");
        await session.WaitForInteractiveAsync();
        // Built from parts: no literal key in the repository.
        var key = "sk-" + "proj-" + string.Concat(Enumerable.Repeat("Ab3dE5gH7j", 6));
        var text = "Hi, I'm Jane (jane.roe" + "@example.com, +44 20 7946 0958).\nCard 4111 1111 1111 1111, key " + key + "\nOrder 1234-5678, version 1.2.3.4";

        await page.GetByLabel("Text to try").FillAsync(text);

        await Expect(page.Locator("[data-testid=try-found] mark.redaction-span")).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=try-redacted]")).ToContainTextAsync("[EMAIL], [PHONE]).");
        await Expect(page.Locator("[data-testid=try-redacted]")).ToContainTextAsync("Card [CARD], key [SECRET:openai]");
        await Expect(page.Locator("[data-testid=try-redacted]")).ToContainTextAsync("Order 1234-5678, version 1.2.3.4");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Privacy" })).ToBeVisibleAsync();
        Assert.Empty(session.Errors);

        if (Environment.GetEnvironmentVariable(ScreenshotTourTests.FolderVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"privacy-try-it-{(dark ? "dark" : "light")}.png"), FullPage = true });
        }
    }
}

using Workbench.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Shell;

public class NarrowViewportTests(WorkbenchServer server, BrowserFixture browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    public async Task NarrowViewport_PageRendered_HasNoHorizontalScroll(string path)
    {
        await using var session = await browser.NewPageAsync(server, Viewports.Narrow);
        var page = session.Page;

        await session.GotoAsync(path);

        await Expect(page.Locator("[data-testid=dark-mode-toggle]")).ToBeVisibleAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth + 1, $"{path}: the page is {scrollWidth}px wide in a {innerWidth}px viewport (horizontal scroll).");
    }
}

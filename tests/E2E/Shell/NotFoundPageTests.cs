using Microsoft.Playwright;
using Workbench.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Shell;

public class NotFoundPageTests(WorkbenchServer server, BrowserFixture browser)
{
    [Fact]
    public async Task NotFoundPage_UnknownUrl_ShowsPageNotFound()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;

        var response = await session.GotoAsync("/no-such-page/anywhere");

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Expect(page.GetByText("Page not found", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to templates" })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Not found · Prompt Workbench");
    }
}

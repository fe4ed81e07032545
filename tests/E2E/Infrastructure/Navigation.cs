using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Workbench.E2E.Infrastructure;

/// <summary>
/// Waiting for the page an action leads to, with a failure that says what the page showed instead: the URL it stayed on,
/// any alert or snackbar text, and whether Blazor's reconnect dialog was up. A bare Playwright timeout says none of that,
/// and two such timeouts in full runs (2026-12-07) could not be explained afterwards.
/// </summary>
internal static class Navigation
{
    public static async Task WaitForUrlAsync(IPage page, Regex url, float? timeoutMs = null)
    {
        try
        {
            // The assertion polls the page's address in the browser. WaitForURLAsync waits for a navigation event after
            // checking the address once, and in a full run (2026-12-08) timed out on a page whose address already
            // matched: Blazor's pushState had come between the check and the wait.
            await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = timeoutMs ?? BrowserFixture.DefaultTimeoutMs });
        }
        catch (Exception failure) when (failure is TimeoutException or PlaywrightException)
        {
            throw new TimeoutException($"The page did not reach {url}: {await DescribeAsync(page)}", failure);
        }
    }

    private static async Task<string> DescribeAsync(IPage page)
    {
        try
        {
            var alerts = await page.Locator("[role=alert]:visible, .mud-snackbar, .mud-alert").AllInnerTextsAsync();
            var reconnect = await page.Locator("#components-reconnect-modal").IsVisibleAsync();
            var dialogs = await page.Locator(".mud-dialog").AllInnerTextsAsync();
            var errorUi = await page.Locator("#blazor-error-ui").IsVisibleAsync();
            return $"still at {page.Url}; alerts: [{string.Join(" | ", alerts.Select(a => a.Trim()))}]; reconnect dialog visible: {reconnect}; "
                + $"error bar visible: {errorUi}; dialogs: [{string.Join(" | ", dialogs.Select(d => d.ReplaceLineEndings(" ").Trim()))}]; {WorkbenchServer.DescribeLiveServers()}";
        }
        catch (PlaywrightException ex)
        {
            return $"still at {page.Url}; the page could not be read ({ex.Message})";
        }
    }
}

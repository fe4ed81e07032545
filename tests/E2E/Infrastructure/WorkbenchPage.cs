using Microsoft.Playwright;

namespace Workbench.E2E.Infrastructure;

/// <summary>
/// One test's browser context and page. Navigation helpers wait until the Blazor circuit is interactive, so
/// clicks that follow are handled by the app and not lost on the prerendered HTML.
/// </summary>
public sealed class WorkbenchPage : IAsyncDisposable
{
    /// <summary>The localStorage key MainLayout keeps the dark-mode choice in.</summary>
    public const string DarkModeStorageKey = "workbench.darkMode";

    private readonly List<string> _errors = [];

    internal WorkbenchPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        Page.PageError += (_, error) => _errors.Add(error);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add(message.Text);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Uncaught page errors and console errors seen so far (handy in assertion messages).</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Navigates to an app-relative path (e.g. <c>"/"</c>, <c>"templates"</c>) and waits for interactivity.</summary>
    public async Task<IResponse?> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
        return response;
    }

    /// <summary>Reloads the page (a new circuit) and waits for interactivity.</summary>
    public async Task<IResponse?> ReloadAsync()
    {
        var response = await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        return response;
    }

    /// <summary>Waits until the circuit is interactive (see <see cref="InteractivityProbe"/>).</summary>
    public async Task WaitForInteractiveAsync()
    {
        try
        {
            await Page.Locator(InteractivityProbe.MarkerSelector).WaitForAsync(new LocatorWaitForOptions
            {
                State = WaitForSelectorState.Attached,
                Timeout = BrowserFixture.DefaultTimeoutMs,
            });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"The Blazor circuit at {Page.Url} did not become interactive within {BrowserFixture.DefaultTimeoutMs} ms. " +
                $"Page errors: [{string.Join(" | ", _errors)}]", ex);
        }
    }

    /// <summary>The computed background colour of the body, e.g. <c>rgb(255, 255, 255)</c>.</summary>
    public Task<string> BodyBackgroundAsync() =>
        Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    /// <summary>Waits until the body background is dark (<paramref name="dark"/>) or light.</summary>
    public async Task WaitForThemeAsync(bool dark)
    {
        // Polled from .NET: Playwright's WaitForFunction evaluates a string in the page, which the app's CSP forbids.
        var deadline = DateTime.UtcNow.AddMilliseconds(BrowserFixture.DefaultTimeoutMs);
        while (true)
        {
            var luminance = await Page.EvaluateAsync<double>(
                """
                () => {
                  const m = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g);
                  if (!m || m.length < 3) return 0.5;
                  const [r, g, b] = m.map(Number);
                  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
                }
                """);
            if (dark ? luminance < 0.4 : luminance > 0.6)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The page did not switch to the {(dark ? "dark" : "light")} theme (luminance {luminance:F2}).");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

using Microsoft.Playwright;

namespace Workbench.E2E.Infrastructure;

/// <summary>
/// One headless Chromium (Debian's, never a downloaded one) for the whole tier. Without a Chromium the browser
/// tests are reported as skipped, or as failed when <c>CI=true</c>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Environment variable that points at the Chromium executable.</summary>
    public const string ChromiumVariable = "WORKBENCH_CHROMIUM";

    /// <summary>Where Debian's <c>chromium</c> package installs the browser.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    /// <summary>Timeout for every Playwright action, navigation and <c>Expect</c> assertion (slow shared machines).</summary>
    public const float DefaultTimeoutMs = 15_000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _unavailableReason;
    private bool _launchFailed;

    public BrowserFixture()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        ExecutablePath = string.IsNullOrWhiteSpace(configured) ? DefaultChromiumPath : configured;
    }

    /// <summary>The Chromium executable used (from <c>WORKBENCH_CHROMIUM</c>, else <c>/usr/bin/chromium</c>).</summary>
    public string ExecutablePath { get; }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            _unavailableReason = $"Chromium not found at '{ExecutablePath}'. Install Debian's package (apt-get install chromium) " +
                $"or set {ChromiumVariable} to the executable.";
            return;
        }

        Assertions.SetDefaultExpectTimeout(DefaultTimeoutMs);
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            });
        }
        catch (PlaywrightException ex)
        {
            // A browser that is installed but cannot start is a real failure (never a skip): reported per test.
            _unavailableReason = $"Chromium at '{ExecutablePath}' did not start: {ex.Message}";
            _launchFailed = true;
        }
    }

    /// <summary>
    /// The browser. Skips the calling test when Chromium is missing (fails it instead when <c>CI=true</c>).
    /// </summary>
    public IBrowser Browser
    {
        get
        {
            if (_browser is not null)
            {
                return _browser;
            }

            var reason = _unavailableReason ?? "The browser fixture was not initialised.";
            if (_launchFailed)
            {
                Assert.Fail(reason);
            }

            if (IsCi)
            {
                Assert.Fail($"{reason} CI=true, so browser tests fail instead of being skipped.");
            }

            Assert.Skip(reason);
            return null!; // not reached: Assert.Skip throws
        }
    }

    /// <summary>
    /// A new browser context (own cookies and localStorage) and page for one test, pointed at the app. The
    /// page is not navigated yet: call <see cref="WorkbenchPage.GotoAsync"/>, which waits for interactivity.
    /// </summary>
    /// <param name="server">The app host.</param>
    /// <param name="viewport">Defaults to <see cref="Viewports.Desktop"/> (1366x900).</param>
    /// <param name="darkMode">Pre-set the stored dark-mode choice (when none is stored yet); <see langword="null"/>
    /// stores nothing, so the OS colour scheme applies, which is light in these contexts.</param>
    public async Task<WorkbenchPage> NewPageAsync(WorkbenchServer server, ViewportSize? viewport = null, bool? darkMode = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl.ToString(),
            ViewportSize = viewport ?? Viewports.Desktop,
            ColorScheme = ColorScheme.Light,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        try
        {
            context.SetDefaultTimeout(DefaultTimeoutMs);
            context.SetDefaultNavigationTimeout(DefaultTimeoutMs);
            if (darkMode is { } dark)
            {
                // Only when nothing is stored yet, so a toggle in the test survives reloads.
                var key = WorkbenchPage.DarkModeStorageKey;
                await context.AddInitScriptAsync(
                    $"try {{ if (localStorage.getItem('{key}') === null) localStorage.setItem('{key}', '{(dark ? "true" : "false")}'); }} catch {{ }}");
            }

            var page = await context.NewPageAsync();
            return new WorkbenchPage(context, page);
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

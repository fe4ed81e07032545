using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workbench.E2E.Batches;
using Workbench.E2E.Infrastructure;
using Workbench.E2E.Runs;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.History;

/// <summary>
/// Issue 8's "done when", as one reviewer's flow: a batch on two versions with the Simulated provider (the second one
/// worse), batch vs batch with the regressions marked, a case side by side with the diff, a verdict, export of the good
/// version as bundle and .prompty through the UI, and the bundle imported into a fresh database (a second app instance).
/// </summary>
public partial class ReviewFlowTests(WorkbenchServer server, BrowserFixture browser)
{
    private static readonly PageAssertionsToHaveURLOptions Slow = new() { Timeout = 60_000 };

    [GeneratedRegex("/batches/compare\\?left=[0-9a-f-]{36}&right=[0-9a-f-]{36}$")]
    private static partial Regex BatchCompareUrl();

    [GeneratedRegex("/compare\\?runs=([0-9a-f-]{36}),[0-9a-f-]{36}&diff=1$")]
    private static partial Regex SideBySideUrl();

    [GeneratedRegex("/templates/[0-9a-f-]{36}/versions$")]
    private static partial Regex VersionsUrl();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Review_TwoVersionsBatchCompareVerdictExportImport_EndToEnd()
    {
        var name = $"Review {Guid.NewGuid():N}"[..18];
        var folder = Path.Combine(Path.GetTempPath(), $"e2e-review-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await using var session = await browser.NewPageAsync(server);
            var page = session.Page;

            // v2 (schema-bound) over 20 test cases: every run valid.
            var editor = await RunPanelTests.CreateSchemaBoundTemplateAsync(session, name);
            await BatchTests.ImportCasesAsync(page, BatchTests.CasesCsv(20, withBadRow: false), 20);
            var goodBatch = await BatchTests.StartBatchAsync(page, concurrency: 4);
            await Expect(page.Locator("[data-testid=batch-status]")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
            await Expect(page.Locator("[data-testid=count-valid]")).ToHaveTextAsync("valid 20");
            await Expect(page.Locator("[data-testid=batch-charts] [data-testid=chart-latency]")).ToBeVisibleAsync();

            // v3 is worse: the simulated model answers with a wrong type on every attempt.
            await session.GotoAsync(editor);
            await page.Locator("textarea[data-testid=message-editor-0]").FillAsync("You extract contact details. Answer in JSON.");
            await page.Locator("[data-testid=save-version]").ClickAsync();
            await page.Locator("[data-testid=confirm-save]").ClickAsync();
            await Expect(page.Locator("[data-testid=base-version]")).ToHaveTextAsync("based on v3");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Test cases" }).ClickAsync();
            await Expect(page.Locator("[data-testid=test-cases-panel]")).ToBeVisibleAsync();
            await BatchTests.StartBatchAsync(page, concurrency: 4, faults: "wrong-type");
            await Expect(page.Locator("[data-testid=batch-status]")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
            await Expect(page.Locator("[data-testid=count-valid]")).ToHaveTextAsync("valid 0");

            // Batch vs batch from the batch list: the older batch first, every case a regression.
            await session.GotoAsync("/batches");
            var rows = page.Locator("[data-testid=batches-table] tbody tr").Filter(new() { HasText = name });
            await Expect(rows).ToHaveCountAsync(2);
            await rows.Nth(0).Locator("[data-testid=batch-select] input, input[data-testid=batch-select]").CheckAsync();
            await rows.Nth(1).Locator("[data-testid=batch-select] input, input[data-testid=batch-select]").CheckAsync();
            await page.Locator("[data-testid=compare-batches]").ClickAsync();
            await Expect(page).ToHaveURLAsync(BatchCompareUrl());
            await Expect(page.Locator("[data-testid=regression-count]")).ToHaveTextAsync("20");
            await Expect(page.Locator("[data-testid=case-change][data-change=regression]").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=left-batch]")).ToContainTextAsync($"{name} v2");
            var batchCompare = page.Url;

            // A case side by side, with the structural diff against the passing run.
            await page.Locator("[data-testid=case-side-by-side]").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(SideBySideUrl(), Slow);
            await Expect(page.Locator("[data-testid=compare-column-1] [data-testid=regression]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=compare-output-1] [data-testid=json-diff-row]").First).ToBeVisibleAsync();
            var passing = SideBySideUrl().Match(page.Url).Groups[1].Value;

            // Approve the passing run.
            await session.GotoAsync($"/runs/{passing}");
            await page.Locator("[data-testid=verdict-choice] >> text=Approve").ClickAsync();
            await page.Locator("[data-testid=submit-verdict]").ClickAsync();
            await Expect(page.Locator("[data-testid=verdict-item] [data-testid=verdict-chip]")).ToHaveAttributeAsync("data-verdict", "approved");

            // Export v2 (validated by its batch) as bundle and .prompty through the version history's Export menu.
            await session.GotoAsync(editor + "/versions");
            await Expect(page.Locator("[data-testid=template-charts] [data-testid=chart-pass-rate]")).ToBeVisibleAsync();
            var files = await DownloadAsync(page, ["bundle", "prompty"], folder);
            var bundle = files["bundle"];
            var prompty = files["prompty"];
            using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(bundle, Ct)))
            {
                Assert.Equal("prompt-workbench-bundle", document.RootElement.GetProperty("format").GetString());
            }

            var promptyText = await File.ReadAllTextAsync(prompty, Ct);
            Assert.StartsWith("---", promptyText, StringComparison.Ordinal);
            Assert.Contains(name, promptyText, StringComparison.Ordinal);
            Assert.Empty(session.Errors);
            await ShootAsync([editor + "/versions", goodBatch, new Uri(batchCompare).PathAndQuery, "/batches"]);

            // A second app instance with an empty data directory imports the bundle.
            await using var fresh = new WorkbenchServer(new Dictionary<string, string?>());
            await fresh.InitializeAsync();
            await using var second = await browser.NewPageAsync(fresh);
            await second.GotoAsync("/templates");
            await Expect(second.Page.GetByText(name)).ToHaveCountAsync(0);
            await second.GotoAsync("/templates/import");
            await second.Page.Locator("input[type=file]").SetInputFilesAsync(bundle);
            await Expect(second.Page.Locator("[data-testid=import-action]")).ToContainTextAsync($"Creates the template “{name}”");
            await second.Page.Locator("[data-testid=import-confirm]").ClickAsync();
            await Expect(second.Page).ToHaveURLAsync(VersionsUrl(), Slow);
            await second.GotoAsync("/templates");
            await Expect(second.Page.GetByText(name).First).ToBeVisibleAsync();
            Assert.Empty(second.Errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>With <c>WORKBENCH_SCREENSHOTS</c> set, saves the pages this flow changed at both sizes and in both themes.</summary>
    private async Task ShootAsync(IReadOnlyList<string> routes)
    {
        if (Environment.GetEnvironmentVariable(Tour.ScreenshotTourTests.FolderVariable) is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        foreach (var (sizeName, size) in new[] { ("desktop", Viewports.Desktop), ("narrow", Viewports.Narrow) })
        {
            foreach (var dark in new[] { false, true })
            {
                await using var shots = await browser.NewPageAsync(server, size, darkMode: dark);
                for (var i = 0; i < routes.Count; i++)
                {
                    await shots.GotoAsync(routes[i]);
                    await shots.WaitForThemeAsync(dark);
                    await shots.Page.WaitForTimeoutAsync(500);
                    await shots.Page.ScreenshotAsync(new PageScreenshotOptions
                    {
                        Path = Path.Combine(folder, $"review-{i}-{sizeName}-{(dark ? "dark" : "light")}.png"),
                        FullPage = true,
                        Animations = ScreenshotAnimations.Disabled,
                    });
                }
            }
        }
    }

    /// <summary>
    /// Opens v2's Export menu once, fetches the file each format link points at (the link's own URL, with the link's file
    /// name), and closes the menu; returns the saved paths by format. (Headless Chromium raised no download event for the
    /// link here.) Opening it once per format failed: Escape left the menu open, so the next click on its toggle closed it.
    /// </summary>
    private async Task<Dictionary<string, string>> DownloadAsync(IPage page, IReadOnlyList<string> formats, string folder)
    {
        var menu = page.Locator("[data-testid=export-v2] button").First;
        await menu.ClickAsync();
        var links = new List<(string Format, string Href, string FileName)>();
        foreach (var format in formats)
        {
            var link = page.Locator($"[data-testid=export-v2-{format}]");
            await Expect(link).ToBeVisibleAsync();
            var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException($"The {format} export link has no href.");
            links.Add((format, href, await link.GetAttributeAsync("download") ?? $"export.{format}"));
        }

        // Escape does not close a MudMenu opened by a mouse click (focus stays on its button); the button toggles it shut.
        await menu.ClickAsync();
        await Expect(page.Locator($"[data-testid=export-v2-{formats[0]}]")).ToBeHiddenAsync();

        using var client = server.CreateHttpClient();
        var saved = new Dictionary<string, string>();
        foreach (var (format, href, fileName) in links)
        {
            using var response = await client.GetAsync(new Uri(href, UriKind.Relative), Ct);
            response.EnsureSuccessStatusCode();
            var path = Path.Combine(folder, fileName);
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
            saved[format] = path;
        }

        return saved;
    }
}

using System.Net;
using Workbench.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Export;

public class ImportExportTests(WorkbenchServer server, BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportPrompty_PreviewConfirm_ThenHistoryShowsWhyItIsNotExportable()
    {
        var name = $"Imported {Guid.NewGuid():N}"[..20];
        var file = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}.prompty");
        await File.WriteAllTextAsync(file, $"""
            ---
            name: {name}
            description: Answers questions briefly
            model:
              api: chat
              configuration:
                type: simulated
                name: simulated-json
              parameters:
                temperature: 0.2
            inputs:
              question:
                type: string
            sample:
              question: What is Prompty?
            ---
            system:
            You answer briefly. <script>alert(1)</script> is just text.

            user:
            {"{{"} question {"}}"}
            """, Ct);
        try
        {
            await using var session = await browser.NewPageAsync(server);
            var page = session.Page;
            await session.GotoAsync("/templates/import");

            await page.Locator("input[type=file]").SetInputFilesAsync(file);

            await Expect(page.Locator("[data-testid=import-action]")).ToContainTextAsync($"Creates the template “{name}”");
            await Expect(page.Locator("[data-testid=import-warnings]")).ToContainTextAsync("provider");
            await Screenshots.SaveAsync(page, "import-preview");
            await page.Locator("[data-testid=import-confirm]").ClickAsync();

            await Navigation.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/templates/[0-9a-f-]{36}/versions$"));
            await Expect(page.Locator("[data-testid=version-table]")).ToContainTextAsync("not validated");
            await Screenshots.SaveAsync(page, "versions-export");

            using var client = server.CreateHttpClient();
            using var export = await client.GetAsync($"api/templates/{Uri.EscapeDataString(name)}/export?format=prompty", Ct);
            Assert.Equal(HttpStatusCode.Conflict, export.StatusCode);
            Assert.Contains("No output schema version is linked", await export.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

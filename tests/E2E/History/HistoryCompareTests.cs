using System.Net;
using System.Text;
using System.Text.Json;
using Workbench.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.History;

/// <summary>Reviewer flow: filter the history, pick two runs, compare them, switch the diff on, record a verdict.</summary>
public class HistoryCompareTests(WorkbenchServer server, BrowserFixture browser)
{
    private static readonly string[] Required = ["name"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task History_FilterSelectTwoCompare_DiffAndRegressionVisible()
    {
        var name = $"E2E history {Guid.NewGuid():N}"[..20];
        await SeedAsync(name);
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;

        await session.GotoAsync($"/runs?template={Uri.EscapeDataString(name)}&sort=created&dir=asc");
        var rows = page.Locator("[data-testid=runs-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("[data-testid=run-status]")).ToHaveAttributeAsync("data-status", "valid");
        await rows.Nth(0).Locator("[data-testid=select-run] input, input[data-testid=select-run]").CheckAsync();
        await rows.Nth(1).Locator("[data-testid=select-run] input, input[data-testid=select-run]").CheckAsync();
        await page.Locator("[data-testid=compare-selected]").ClickAsync();

        await Navigation.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex(@"/compare\?runs="));
        await Expect(page.Locator("[data-testid=compare-column-1] [data-testid=regression]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=json-diff]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=diff-toggle] input, input[data-testid=diff-toggle]").CheckAsync();
        await Expect(page.Locator("[data-testid=compare-output-1] [data-testid=json-diff-row]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=compare-output-1] [data-testid=text-diff]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RunDetail_Approve_VerdictShowsInHistory()
    {
        var name = $"E2E verdict {Guid.NewGuid():N}"[..20];
        var (first, _) = await SeedAsync(name);
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;

        await session.GotoAsync($"/runs/{first}");
        await page.Locator("[data-testid=verdict-choice] >> text=Approve").ClickAsync();
        await page.Locator("[data-testid=submit-verdict]").ClickAsync();
        await Expect(page.Locator("[data-testid=verdict-item] [data-testid=verdict-chip]")).ToHaveAttributeAsync("data-verdict", "approved");

        await session.GotoAsync($"/runs?template={Uri.EscapeDataString(name)}&verdict=approved");
        await Expect(page.Locator("[data-testid=runs-table] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=runs-table] [data-testid=verdict-chip]")).ToHaveAttributeAsync("data-verdict", "approved");
    }

    /// <summary>A template and two finished runs over the API: a valid one, then an invalid one (a regression).</summary>
    private async Task<(string First, string Second)> SeedAsync(string name)
    {
        using var client = server.CreateHttpClient();
        var template = JsonSerializer.Serialize(new
        {
            name,
            messages = new object[] { new { role = "user", content = "Extract the contact from {{ text }}" } },
            settings = new { provider = "simulated", model = "simulated-json" },
            schema = new { type = "object", properties = new { name = new { type = "string" } }, required = Required },
        });
        using var created = await client.PostAsync(new Uri("api/templates", UriKind.Relative), Json(template), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await RunAsync(client, name, "[]");
        var second = await RunAsync(client, name, """["wrong-type"]""");
        return (first, second);
    }

    private static async Task<string> RunAsync(HttpClient client, string template, string faults)
    {
        using var submitted = await client.PostAsync(
            new Uri("api/runs", UriKind.Relative),
            Json("{\"template\": " + JsonSerializer.Serialize(template) + ", \"variables\": {\"text\": \"Ada\"}, \"maxAttempts\": 1, \"simulation\": {\"faults\": " + faults + "}}"),
            Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var location = submitted.Headers.Location!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, "The run did not finish in 60 s.");
            await Task.Delay(50, Ct);
            using var document = JsonDocument.Parse(await client.GetStringAsync(location, Ct));
            if (document.RootElement.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return document.RootElement.GetProperty("id").GetString()!;
            }
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

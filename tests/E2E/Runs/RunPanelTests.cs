using Microsoft.Playwright;
using Workbench.E2E.Infrastructure;
using Workbench.E2E.Schemas;
using Workbench.E2E.Templates;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Runs;

public class RunPanelTests(WorkbenchServer server, BrowserFixture browser)
{
    internal const string QuoteSchema = """
        {
          "type": "object",
          "properties": { "city": { "type": "string" }, "price": { "type": "number" } },
          "required": ["city", "price"],
          "additionalProperties": false
        }
        """;

    /// <summary>Creates a schema and a template whose saved v2 is bound to it, through the UI; returns the editor URL.</summary>
    internal static async Task<string> CreateSchemaBoundTemplateAsync(WorkbenchPage session, string name)
    {
        var page = session.Page;
        var schemaName = $"{name} schema";
        await SchemaEditorTests.CreateSchemaAsync(session, schemaName);
        await page.Locator("textarea[data-testid=schema-editor]").FillAsync(QuoteSchema);
        await Expect(page.Locator("[data-testid=schema-valid]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=schema-save-version]").ClickAsync();
        await page.Locator("[data-testid=confirm-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=schema-base-version]")).ToHaveTextAsync("based on v2");

        var editor = await TemplateEditorTests.CreateFromExampleAsync(session, "extract-contact-details", name);
        await page.Locator("[data-testid=output-schema-panel] .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = schemaName }).ClickAsync();
        // The example template uses the simulated provider, which gets the schema natively as the response format.
        await Expect(page.Locator("[data-testid=preview-schema-native]")).ToContainTextAsync("price");
        await page.Locator("[data-testid=save-version]").ClickAsync();
        await page.Locator("[data-testid=confirm-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=base-version]")).ToHaveTextAsync("based on v2");
        return editor;
    }

    /// <summary>Shows the Run tab of the editor.</summary>
    internal static async Task OpenRunTabAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Run" }).ClickAsync();
        await Expect(page.Locator("[data-testid=run-panel]")).ToBeVisibleAsync();
    }

    /// <summary>Adds a simulated fault chip such as <c>invalid-json@1</c> (attempt 0 = every attempt).</summary>
    internal static async Task AddFaultAsync(IPage page, string fault, int attempt)
    {
        await page.Locator("[data-testid=run-fault-name] .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{fault}$") }).ClickAsync();
        if (attempt > 0)
        {
            await page.Locator("[data-testid=run-fault-attempt] .mud-select").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"on attempt {attempt}" }).ClickAsync();
        }

        await page.Locator("[data-testid=run-fault-add]").ClickAsync();
        await Expect(page.Locator("[data-testid=run-fault-chip]").Filter(new() { HasText = attempt > 0 ? $"{fault}@{attempt}" : fault })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Run_InvalidJsonOnAttempt1_TimelineShowsInvalidAttemptRepairMessageAndValidAttempt2()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await CreateSchemaBoundTemplateAsync(session, $"Repair loop {Guid.NewGuid():N}"[..24]);
        await OpenRunTabAsync(page);
        await Expect(page.Locator("[data-testid=run-version-note]")).ToContainTextAsync("Runs version 2");
        await Expect(TemplateEditorTests.Field(page, "run-variable-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Jane Doe"));

        await AddFaultAsync(page, "invalid-json", 1);
        await page.Locator("[data-testid=run-button]").ClickAsync();

        await Expect(page.Locator("[data-testid=final-answer] [data-testid=run-status]")).ToHaveTextAsync("valid after 1 repair", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=final-answer] [data-testid=simulated-label]")).ToBeVisibleAsync();
        var first = page.Locator("[data-testid=attempt-1]");
        await Expect(first).ToHaveAttributeAsync("data-status", "invalid");
        await Expect(first.Locator("[data-testid=issue]").First).ToBeVisibleAsync();
        var second = page.Locator("[data-testid=attempt-2]");
        await Expect(second).ToHaveAttributeAsync("data-status", "valid");
        await Expect(second.Locator("[data-testid=repair-message]")).ToContainTextAsync("does not conform to the JSON Schema");
        await Expect(second.Locator("[data-testid=json-view]")).ToContainTextAsync("\"price\"");
        await Expect(page.Locator("[data-testid=run-details-link]")).ToBeVisibleAsync();

        // The run page shows the same stored run.
        await page.Locator("[data-testid=run-details-link]").ClickAsync();
        await Navigation.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/runs/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=run-status]").First).ToHaveTextAsync("valid after 1 repair");
        await Expect(page.Locator("[data-testid=attempt-1]")).ToHaveAttributeAsync("data-status", "invalid");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Run_Http429OnAttempt1_ShowsTheWaitCard()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await CreateSchemaBoundTemplateAsync(session, $"Rate limit {Guid.NewGuid():N}"[..23]);
        await OpenRunTabAsync(page);

        await AddFaultAsync(page, "http-429", 1);
        await page.Locator("[data-testid=run-button]").ClickAsync();

        await Expect(page.Locator("[data-testid=final-answer] [data-testid=run-status]")).ToHaveTextAsync("valid", new() { Timeout = 30_000 });
        var retry = page.Locator("[data-testid=attempt-1] [data-testid=transport-retry]");
        await Expect(retry).ToContainTextAsync("HTTP 429");
        await Expect(retry).ToContainTextAsync("waited 2.0 s");
        await Expect(retry).ToContainTextAsync("Retry-After");
    }

    [Fact]
    public async Task Cancel_SlowRun_ResultShowsCancelled()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await CreateSchemaBoundTemplateAsync(session, $"Cancel {Guid.NewGuid():N}"[..20]);
        await OpenRunTabAsync(page);

        await AddFaultAsync(page, "slow-first-token", 0);
        await page.Locator("[data-testid=run-button]").ClickAsync();
        await Expect(page.Locator("[data-testid=waiting-first-token]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=cancel-run]").ClickAsync();

        await Expect(page.Locator("[data-testid=final-answer] [data-testid=run-status]")).ToHaveTextAsync("cancelled");
        await Expect(page.Locator("[data-testid=attempt-1]")).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(page.Locator("[data-testid=cancel-run]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task LeavingThePage_WhileRunning_CancelsTheRun()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        var name = $"Leave {Guid.NewGuid():N}"[..19];
        await CreateSchemaBoundTemplateAsync(session, name);
        await OpenRunTabAsync(page);
        await AddFaultAsync(page, "slow-first-token", 0);
        await page.Locator("[data-testid=run-button]").ClickAsync();
        await Expect(page.Locator("[data-testid=waiting-first-token]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Navigation.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/versions$"));
        await session.GotoAsync("/runs");

        var row = page.Locator("[data-testid=runs-table] tr").Filter(new() { HasText = name });
        await Expect(row.Locator("[data-testid=run-status]")).ToHaveTextAsync("cancelled");
    }

    [Fact]
    public async Task RunPage_UnknownId_ShowsNotFound()
    {
        await using var session = await browser.NewPageAsync(server);

        await session.GotoAsync($"/runs/{Guid.NewGuid()}");

        await Expect(session.Page.Locator("[data-testid=run-not-found]")).ToContainTextAsync("No run with this id");
    }
}

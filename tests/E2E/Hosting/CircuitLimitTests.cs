using Workbench.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using Editor = Workbench.E2E.Templates.TemplateEditorTests;

namespace Workbench.E2E.Hosting;

/// <summary>
/// The 1 MB circuit message limit (WorkbenchHostingExtensions.MaxCircuitMessageBytes): the browser stops text too big
/// to send with a clear message, and a message over the limit that gets through ends only its own session.
/// </summary>
public class CircuitLimitTests(WorkbenchServer server, BrowserFixture browser)
{
    /// <summary>
    /// 400,000 euro signs: under MudBlazor's 524,288-character maxlength on text fields, but 3 bytes each in UTF-8, so
    /// 1.1 MB as sent: more than one circuit message may carry.
    /// </summary>
    private static readonly string OverOneMegabyte = new('€', 400_000);

    [Fact]
    public async Task FieldGuard_OverOneMegabyteInAPlainField_IsStoppedWithAMessageAndThePageStaysInteractive()
    {
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;
        await Editor.CreateFromExampleAsync(session, "summarize-meeting-notes", $"Field guard {Guid.NewGuid():N}"[..28]);
        await Editor.Editor(page, 0).FillAsync("You greet {{ who }} warmly.");
        var field = Editor.Field(page, "variable-example-who");
        await Expect(field).ToBeVisibleAsync();

        await field.FillAsync(OverOneMegabyte);

        var banner = page.Locator("[data-testid=field-too-large]");
        await Expect(banner).ToContainTextAsync("is 1.1 MB; one change can carry at most 1008 KB, so it was not sent");

        // Then text that fits: it is sent, the preview follows, and the message goes away by itself.
        await field.FillAsync("Ada Lovelace");
        await Expect(page.Locator("[data-testid=preview-message-0]")).ToContainTextAsync("You greet Ada Lovelace warmly.");
        await Expect(banner).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task OversizedMessage_PastTheGuard_EndsOnlyThatSessionAndTheServerAndOtherSessionsGoOn()
    {
        await using var victim = await browser.NewPageAsync(server);
        await using var other = await browser.NewPageAsync(server);
        await Editor.CreateFromExampleAsync(victim, "summarize-meeting-notes", $"Oversized {Guid.NewGuid():N}"[..26]);
        await Editor.Editor(victim.Page, 0).FillAsync("You greet {{ who }} warmly.");
        var field = Editor.Field(victim.Page, "variable-example-who");
        await Expect(field).ToBeVisibleAsync();

        // A client that ignores the guard (here: the guard switched off) sends 1.1 MB in one message.
        await victim.Page.EvaluateAsync("() => { window.workbench.fieldGuard.maxBytes = 1e12; }");
        // The server refuses the message and closes that connection; the browser logs the closed connection.
        var closed = await victim.Page.RunAndWaitForConsoleMessageAsync(
            () => field.FillAsync(OverOneMegabyte),
            new() { Predicate = m => m.Type == "error" && m.Text.Contains("onnection", StringComparison.Ordinal), Timeout = 30_000 });
        Assert.Contains("onnection", closed.Text, StringComparison.Ordinal);

        // The other session is untouched and interactive, and the server still answers.
        var url = await Editor.CreateFromExampleAsync(other, "summarize-meeting-notes", $"Still fine {Guid.NewGuid():N}"[..27]);
        await Editor.Editor(other.Page, 0).FillAsync("You greet {{ who }} warmly.");
        await Editor.Field(other.Page, "variable-example-who").FillAsync("Grace Hopper");
        await Expect(other.Page.Locator("[data-testid=preview-message-0]")).ToContainTextAsync("You greet Grace Hopper warmly.");
        using var client = server.CreateHttpClient();
        using var health = await client.GetAsync(new Uri("healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.NotNull(url);
    }
}

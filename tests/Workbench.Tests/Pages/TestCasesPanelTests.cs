using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Workbench.Components.Pages.Templates;
using Workbench.Core.Batches;
using Workbench.Core.Templates;
using Workbench.Tests.Batches;

namespace Workbench.Tests.Pages;

public class TestCasesPanelTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<(Guid Id, TemplateVersionInfo Version)> CreateTemplateAsync(PageTestContext context)
    {
        await BatchSeed.CreateTemplateAsync(context.Services, Ct);
        var templates = context.Services.GetRequiredService<TemplateService>();
        var template = await templates.FindByNameAsync(BatchSeed.TemplateName, Ct);
        return (template!.Id, (await templates.GetLatestVersionAsync(template.Id, Ct))!);
    }

    private static IRenderedComponent<TestCasesPanel> RenderPanel(PageTestContext context, Guid id, TemplateVersionInfo version)
    {
        context.Render<MudPopoverProvider>();
        context.Render<MudDialogProvider>();
        context.Render<MudSnackbarProvider>();
        var cut = context.Render<TestCasesPanel>(p => p.Add(x => x.TemplateId, id).Add(x => x.TemplateName, BatchSeed.TemplateName).Add(x => x.Version, version));
        cut.WaitForElement("[data-testid=import-panel]");
        return cut;
    }

    private static string Input(string testId) => $"[data-testid={testId}] input, [data-testid={testId}] textarea, input[data-testid={testId}], textarea[data-testid={testId}]";

    [Fact]
    public async Task TestCasesPanel_StoredCases_AreShownInTheTableWithTheRedactionHint()
    {
        await using var context = new PageTestContext();
        var (id, version) = await CreateTemplateAsync(context);
        await context.Services.GetRequiredService<TestCaseService>().ReplaceSetAsync(id, TestCaseService.DefaultSet,
            [new TestCase(new Dictionary<string, string?> { ["city"] = "Oslo" }), new TestCase(new Dictionary<string, string?> { ["city"] = "Bergen", ["notes"] = "window seat" })], Ct);

        var cut = RenderPanel(context, id, version);

        Assert.Equal(2, cut.FindAll("[data-testid=case-row]").Count);
        Assert.Equal("Bergen", cut.Find(Input("case-1-city")).GetAttribute("value"));
        Assert.Equal("window seat", cut.Find(Input("case-1-notes")).GetAttribute("value"));
        Assert.Contains("Values are stored redacted", cut.Find("[data-testid=redaction-hint]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestCasesPanel_RequiredValueMissing_CellShowsTheProblemAndSaveRefuses()
    {
        await using var context = new PageTestContext();
        var (id, version) = await CreateTemplateAsync(context);
        var cut = RenderPanel(context, id, version);

        await cut.InvokeAsync(() => cut.Find("[data-testid=add-case]").Click());
        await cut.InvokeAsync(() => cut.Find(Input("case-0-city")).Input(""));
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-cases]").Click());

        cut.WaitForAssertion(() => Assert.Contains("'city' is required.", cut.Find("[data-testid=cases-table]").TextContent, StringComparison.Ordinal));
        Assert.Contains("1 rows have problems", cut.Find("[data-testid=problem-list]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 with problems", cut.Find("[data-testid=case-count]").TextContent, StringComparison.Ordinal);
        Assert.Empty(await context.Services.GetRequiredService<TestCaseService>().ListSetsAsync(id, Ct));
    }

    [Fact]
    public async Task TestCasesPanel_EditDuplicateDeleteSave_StoresTheTableAsTheSet()
    {
        await using var context = new PageTestContext();
        var (id, version) = await CreateTemplateAsync(context);
        var cut = RenderPanel(context, id, version);

        await cut.InvokeAsync(() => cut.Find("[data-testid=add-case]").Click());
        await cut.InvokeAsync(() => cut.Find(Input("case-0-city")).Input("Tromsø"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=duplicate-case]").Click());
        await cut.InvokeAsync(() => cut.Find("[data-testid=add-case]").Click());
        await cut.InvokeAsync(() => cut.FindAll("[data-testid=delete-case]")[2].Click());
        await cut.InvokeAsync(() => cut.Find(Input("case-1-city")).Input("Bodø"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-cases]").Click());

        var service = context.Services.GetRequiredService<TestCaseService>();
        var stored = await service.ListAsync(id, TestCaseService.DefaultSet, Ct);
        Assert.Equal(["Tromsø", "Bodø"], stored.Select(s => s.Case.Variables["city"]));
        Assert.Equal(ExpectationKind.SchemaValid, stored[0].Case.Expectation.Kind);
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=save-cases]").HasAttribute("disabled"))); // nothing unsaved
        Assert.Equal("2 cases", cut.Find("[data-testid=case-count]").TextContent.Trim());
    }

    [Fact]
    public async Task TestCasesPanel_ImportWithABadRow_ShowsTheLineAndImportsTheValidRows()
    {
        await using var context = new PageTestContext();
        var (id, version) = await CreateTemplateAsync(context);
        var cut = RenderPanel(context, id, version);
        const string Csv = "city,notes,expect,expected_json\nOslo,,,\n,missing city,,\nBergen,,equals-json,\"{\"\"city\"\":\"\"Bergen\"\"}\"\nParis,,equals-json,{not json\n";

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "cases.csv"));

        cut.WaitForAssertion(() => Assert.Contains("line 3", cut.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal));
        var errors = cut.Find("[data-testid=import-errors]").TextContent;
        Assert.Contains("the required variable 'city' has no value", errors, StringComparison.Ordinal);
        Assert.Contains("line 5", errors, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", errors, StringComparison.Ordinal);
        Assert.Contains("Import the 2 valid rows", cut.Find("[data-testid=import-apply]").TextContent, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.Find("[data-testid=import-apply]").Click());

        var stored = await context.Services.GetRequiredService<TestCaseService>().ListAsync(id, TestCaseService.DefaultSet, Ct);
        Assert.Equal(["Oslo", "Bergen"], stored.Select(s => s.Case.Variables["city"]));
        Assert.Equal(ExpectationKind.EqualsJson, stored[1].Case.Expectation.Kind);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=case-row]").Count));
        Assert.Empty(cut.FindAll("[data-testid=import-result]"));
    }

    [Fact]
    public async Task TestCasesPanel_ImportAppend_KeepsTheExistingCases()
    {
        await using var context = new PageTestContext();
        var (id, version) = await CreateTemplateAsync(context);
        await context.Services.GetRequiredService<TestCaseService>().ReplaceSetAsync(id, TestCaseService.DefaultSet, [new TestCase(new Dictionary<string, string?> { ["city"] = "Oslo" })], Ct);
        var cut = RenderPanel(context, id, version);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{\"city\":\"Lima\"}\n", "cases.jsonl"));
        cut.WaitForElement("[data-testid=import-apply]");
        await cut.InvokeAsync(() => cut.FindAll("[data-testid=import-mode] input")[1].Click());
        await cut.InvokeAsync(() => cut.Find("[data-testid=import-apply]").Click());

        var stored = await context.Services.GetRequiredService<TestCaseService>().ListAsync(id, TestCaseService.DefaultSet, Ct);
        Assert.Equal(["Oslo", "Lima"], stored.Select(s => s.Case.Variables["city"]));
    }

    [Fact]
    public void TestCasesPanel_ExpectationValues_AreCheckedPerRow()
    {
        Assert.Equal("An equals-json expectation needs a valid JSON value.", TestCasesPanel.ExpectProblem(new TestCaseRow { Kind = ExpectationKind.EqualsJson, ExpectValue = "{nope" }));
        Assert.Null(TestCasesPanel.ExpectProblem(new TestCaseRow { Kind = ExpectationKind.EqualsJson, ExpectValue = "{\"city\":\"Oslo\"}" }));
        Assert.NotNull(TestCasesPanel.ExpectProblem(new TestCaseRow { Kind = ExpectationKind.ContainsText, ExpectValue = "" }));
        Assert.Equal(TestCaseImportFormat.Csv, TestCasesPanel.FormatOf("Cases.CSV"));
        Assert.Equal(TestCaseImportFormat.Jsonl, TestCasesPanel.FormatOf("cases.jsonl"));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages.Schemas;
using Workbench.Components.Shared;
using Workbench.Core.Schemas;

namespace Workbench.Tests.Pages;

public class SchemaEditorTests
{
    private const string Contact = """
        {
          "type": "object",
          "properties": { "name": { "type": "string", "description": "Full name" }, "age": { "type": "integer" } },
          "required": ["name"]
        }
        """;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<(PageTestContext Context, IRenderedComponent<SchemaEditor> Cut)> RenderEditorAsync()
    {
        var context = new PageTestContext();
        var created = await context.Services.GetRequiredService<SchemaService>().CreateAsync(new NewSchema("Contact", null, Contact), "local", Ct);
        var cut = context.Render<SchemaEditor>(p => p.Add(x => x.SchemaId, created.Value!.Id));
        cut.WaitForElement("[data-testid=schema-valid]");
        return (context, cut);
    }

    private static Task TypeAsync(IRenderedComponent<SchemaEditor> cut, string testId, string text)
    {
        var editor = cut.FindComponents<TemplateCodeEditor>().Single(e => e.Instance.TestId == testId);
        return cut.InvokeAsync(() => editor.Instance.OnEditorTextChanged(text));
    }

    [Fact]
    public async Task SchemaText_InvalidKeywordValue_ShowsErrorAtItsLineAndDisablesSave()
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;
        Assert.Contains("name", cut.Find("[data-testid=schema-outline]").TextContent, StringComparison.Ordinal);

        await TypeAsync(cut, "schema-editor", "{\n  \"type\": \"object\",\n  \"minProperties\": \"two\"\n}");

        var errors = cut.Find("[data-testid=schema-editor-errors]").TextContent;
        Assert.Contains("Line 3", errors, StringComparison.Ordinal);
        Assert.Contains("minProperties", errors, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=schema-save-version]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=schema-valid]"));
    }

    [Fact]
    public async Task SchemaText_InvalidJson_ShowsSyntaxErrorThenRecoversWhenFixed()
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;

        await TypeAsync(cut, "schema-editor", "{\n  \"type\": \"object\",\n}");
        Assert.Contains("not valid JSON", cut.Find("[data-testid=schema-editor-errors]").TextContent, StringComparison.Ordinal);

        await TypeAsync(cut, "schema-editor", "{ \"type\": \"array\" }");
        Assert.Empty(cut.FindAll("[data-testid=schema-editor-errors]"));
        Assert.NotNull(cut.Find("[data-testid=schema-unsaved]"));
    }

    [Fact]
    public async Task SamplePane_BadOutput_ListsIssuesWithPathsAndExtractionStep()
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;

        await TypeAsync(cut, "sample-editor", "Sure!\n```json\n{ \"age\": \"forty\" }\n```");

        var issues = cut.FindAll("[data-testid=sample-issue]").Select(i => i.TextContent).ToList();
        Assert.Contains(issues, i => i.Contains("/age", StringComparison.Ordinal) && i.Contains("line 3", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Contains("name", StringComparison.Ordinal) && i.Contains("required", StringComparison.Ordinal));
        Assert.Contains("code block", cut.Find("[data-testid=sample-summary]").TextContent, StringComparison.Ordinal);
        var sampleEditor = cut.FindComponents<TemplateCodeEditor>().Single(e => e.Instance.TestId == "sample-editor");
        Assert.NotEmpty(sampleEditor.Instance.Errors);
    }

    [Fact]
    public async Task SamplePane_GenerateExampleThenInfer_ValidSampleAndInferredSchema()
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;

        cut.Find("[data-testid=generate-example]").Click();
        Assert.NotNull(cut.Find("[data-testid=sample-valid]"));

        await TypeAsync(cut, "sample-editor", "{ \"title\": \"x\", \"count\": 2 }");
        cut.Find("[data-testid=infer-schema]").Click();

        Assert.Contains("title", cut.Find("[data-testid=schema-outline]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=sample-valid]"));
        Assert.NotNull(cut.Find("[data-testid=schema-unsaved]"));
    }
}

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

    [Fact]
    public async Task SchemaText_MisspelledType_OnlyTheUsefulErrorAtItsLine()
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;

        await TypeAsync(cut, "schema-editor", "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"age\": { \"type\": \"integr\" }\n  }\n}");

        var editor = cut.FindComponents<TemplateCodeEditor>().Single(e => e.Instance.TestId == "schema-editor");
        var error = Assert.Single(editor.Instance.Errors);
        Assert.Equal(4, error.Line);
        Assert.StartsWith("/properties/age/type: \"integr\" is not a JSON Schema type", error.Message, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=schema-save-version]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("[1, 2, 3]", "a schema must be a JSON object")]
    [InlineData("{\"$ref\": \"#\"}", "loops back to itself")]
    [InlineData("{\"type\": \"number\", \"maximum\": 1e400}", "the number 1e400 is too large")]
    public async Task SchemaText_BadSchema_ClearMessageAndSaveDisabled(string schema, string expected)
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;

        await TypeAsync(cut, "schema-editor", schema);

        var editor = cut.FindComponents<TemplateCodeEditor>().Single(e => e.Instance.TestId == "schema-editor");
        var shown = string.Join(" ", editor.Instance.Errors.Select(e => e.Message)) + " " + string.Join(" ", cut.FindAll("[data-testid=schema-general-errors]").Select(e => e.TextContent));
        Assert.Contains(expected, shown, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=schema-valid]"));
        Assert.True(cut.Find("[data-testid=schema-save-version]").HasAttribute("disabled"));

        cut.Find("[data-testid=generate-example]").Click();
        Assert.Contains("Fix the schema first", cut.Find("[data-testid=aid-message]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchemaText_FiftyMegabytePaste_RefusedWithSizeAndLimit()
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;

        await TypeAsync(cut, "schema-editor", "{\"description\": \"" + new string('x', 50 * 1024 * 1024) + "\"}");

        Assert.Contains("the schema is 50 MB, more than the limit of 256 KB", cut.Find("[data-testid=schema-general-errors]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=schema-save-version]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task SchemaText_RecursiveRef_ValidAndSampleCheckedThroughIt()
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;

        await TypeAsync(cut, "schema-editor", "{\"$defs\": {\"node\": {\"type\": \"object\", \"properties\": {\"children\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/node\"}}}}}, \"$ref\": \"#/$defs/node\"}");
        await TypeAsync(cut, "sample-editor", "{\"children\": [{\"children\": [1]}]}");

        Assert.NotNull(cut.Find("[data-testid=schema-valid]"));
        Assert.Contains("/children/0/children/0", Assert.Single(cut.FindAll("[data-testid=sample-issue]")).TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deep", "nested deeper than 256 levels")]
    [InlineData("{\"name\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"}", "too slow")]
    [InlineData("{\"name\": \"x\", \"age\": 1e400}", "expected a number less than or equal to 150, got the number 1e400")]
    public async Task SamplePane_BadOutput_ClearIssueNoCrash(string output, string expected)
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;
        await TypeAsync(cut, "schema-editor", "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\", \"pattern\": \"^(a+)+$\"}, \"age\": {\"type\": \"integer\", \"maximum\": 150}}}");
        if (output == "deep")
        {
            output = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);
        }

        await TypeAsync(cut, "sample-editor", output);

        Assert.Contains(cut.FindAll("[data-testid=sample-issue]"), i => i.TextContent.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=sample-valid]"));
    }

    [Fact]
    public async Task SchemaText_ReferenceToAStoredSchema_ResolvesForTheSampleAndAnUnknownNameIsAnErrorAtItsLine()
    {
        var (context, cut) = await RenderEditorAsync();
        await using var _ = context;
        var address = """{"type":"object","properties":{"street":{"type":"string"}},"required":["street"]}""";
        Assert.True((await context.Services.GetRequiredService<SchemaService>().CreateAsync(new NewSchema("address", null, address), "local", Ct)).Succeeded);
        Assert.Contains("workbench:schemas/address", cut.Find("[data-testid=schema-ref-help]").TextContent, StringComparison.Ordinal);

        await TypeAsync(cut, "schema-editor", "{\n  \"type\": \"object\",\n  \"properties\": { \"home\": { \"$ref\": \"workbench:schemas/address\" } }\n}");
        cut.WaitForElement("[data-testid=schema-valid]");
        await TypeAsync(cut, "sample-editor", "{ \"home\": { \"street\": 7 } }");

        var issue = cut.WaitForElement("[data-testid=sample-issue]").TextContent;
        Assert.Contains("/home/street", issue, StringComparison.Ordinal);

        await TypeAsync(cut, "schema-editor", "{\n  \"type\": \"object\",\n  \"properties\": { \"home\": { \"$ref\": \"workbench:schemas/adress\" } }\n}");
        var errors = cut.WaitForElement("[data-testid=schema-editor-errors]").TextContent;
        Assert.Contains("Line 3", errors, StringComparison.Ordinal);
        Assert.Contains("there is no stored schema named 'adress'", errors, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Workbench.Core.Schemas;
using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Schemas;

public class SchemaAidsTests
{
    [Fact]
    public void Generate_ValidSchema_ProducesAnInstanceThatValidates()
    {
        var result = SchemaSamples.Generate(SchemaServiceTests.Contact);

        Assert.True(result.Success, result.Error);
        using var doc = JsonDocument.Parse(result.Json!);
        Assert.True(doc.RootElement.TryGetProperty("name", out _));
        Assert.True(OutputValidator.Validate(SchemaServiceTests.Contact, result.Json!).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"type\": ")]
    [InlineData("{ \"type\": 12 }")]
    [InlineData("{ \"$ref\": \"https://example.com/evil.json\" }")]
    public void Generate_BadSchema_FailsWithAMessageAndNeverThrows(string schema)
    {
        var result = SchemaSamples.Generate(schema);

        Assert.False(result.Success);
        Assert.StartsWith("Fix the schema first", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromExample_NestedObjectWithArray_InfersA202012SchemaThatAcceptsTheExample()
    {
        const string example = """{ "name": "Ada", "age": 36, "tags": ["x"], "address": { "city": "London" } }""";

        var result = SchemaInference.FromExample(example);

        Assert.True(result.Success, result.Error);
        Assert.DoesNotContain("$schema", result.Json!, StringComparison.Ordinal);
        Assert.DoesNotContain("#/definitions/", result.Json!, StringComparison.Ordinal);
        Assert.True(SchemaCompiler.Compile(result.Json!).Success);
        Assert.True(OutputValidator.Validate(result.Json!, example).IsValid);
        Assert.False(OutputValidator.Validate(result.Json!, """{ "name": 1, "age": 36, "tags": ["x"], "address": { "city": "London" } }""").IsValid);
    }

    [Theory]
    [InlineData("", "Paste an example")]
    [InlineData("{ 'a': 1 }", "not valid JSON")]
    [InlineData("{ \"a\": 1, }", "not valid JSON")]
    public void FromExample_BadInput_FailsWithAClearMessage(string example, string expected)
    {
        var result = SchemaInference.FromExample(example);

        Assert.False(result.Success);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromExample_TooDeepOrTooLarge_IsRefusedQuickly()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var large = "[" + string.Join(",", Enumerable.Repeat("\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", 20_000)) + "]";

        var deepResult = SchemaInference.FromExample(deep);
        var largeResult = SchemaInference.FromExample(large);

        Assert.Contains("nested deeper", deepResult.Error, StringComparison.Ordinal);
        Assert.Contains("up to 256 KB", largeResult.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Outline_PropertiesRequiredDescriptionsAndArrays_AreListed()
    {
        const string schema = """
            {
              "type": "object",
              "properties": {
                "id": { "type": "integer", "description": "Identifier" },
                "items": { "type": "array", "items": { "$ref": "#/$defs/item" } }
              },
              "required": ["id"],
              "$defs": { "item": { "type": "object", "properties": { "price": { "type": "number" }, "next": { "$ref": "#/$defs/item" } } } }
            }
            """;

        var outline = SchemaOutline.Build(schema);

        Assert.Equal(["id", "items"], outline.Select(n => n.Name));
        Assert.Equal(("integer", true, "Identifier", 4), (outline[0].Type, outline[0].Required, outline[0].Description, outline[0].Line));
        Assert.Equal("array of → item", outline[1].Type);
        var item = Assert.Single(outline[1].Children);
        Assert.Equal(["price", "next"], item.Children.Select(c => c.Name));
        Assert.Empty(item.Children[1].Children); // the recursive reference stops instead of looping
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ broken")]
    [InlineData("[1, 2]")]
    public void Outline_NotAnObject_IsEmpty(string schema) => Assert.Empty(SchemaOutline.Build(schema));

    [Fact]
    public void Hint_ContainsInstructionAndSchema()
    {
        var hint = SchemaHint.For(SchemaServiceTests.Contact);

        Assert.StartsWith(SchemaHint.Introduction, hint, StringComparison.Ordinal);
        Assert.Contains("\"required\": [", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleCheck_InvalidValueInFencedOutput_LocatesTheIssueInTheOutput()
    {
        const string output = "Here you go:\n```json\n{\n  \"name\": 42\n}\n```";

        var result = SampleCheck.Run(SchemaServiceTests.Contact, output);

        Assert.False(result.Validation.IsValid);
        Assert.Equal(ExtractionStep.FencedBlock, result.Step);
        var issue = Assert.Single(result.Issues);
        Assert.Equal("/name", issue.Issue.Path);
        Assert.Equal((4, 11), (issue.Line, issue.Column));
    }

    [Fact]
    public void SampleCheck_NoJson_ReportsExtractionIssue()
    {
        var result = SampleCheck.Run(SchemaServiceTests.Contact, "Sorry, I cannot help with that.");

        Assert.Equal(ExtractionStep.None, result.Step);
        Assert.Equal("extraction", Assert.Single(result.Issues).Issue.Kind);
    }

    [Fact]
    public void ExampleSchemas_AllCompile()
    {
        foreach (var example in ExampleSchemas.All)
        {
            Assert.True(SchemaCompiler.Compile(example.SchemaJson).Success, example.Name);
        }
    }
}

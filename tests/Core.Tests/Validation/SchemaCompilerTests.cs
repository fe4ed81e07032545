using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Validation;

public sealed class SchemaCompilerTests
{
    [Fact]
    public void Compile_SameText_ReturnsCachedInstance()
    {
        const string schema = "{\"type\": \"object\", \"title\": \"cache test\"}";

        var a = SchemaCompiler.Compile(schema);
        var b = SchemaCompiler.Compile(schema);

        Assert.True(a.Success);
        Assert.Same(a.Schema, b.Schema);
    }

    [Fact]
    public void Compile_SyntaxError_LineAndColumn()
    {
        var result = SchemaCompiler.Compile("{\n  \"type\": \"object\",\n  \"properties\": {,}\n}");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.True(error.Column > 1);
    }

    [Fact]
    public void Compile_MetaSchemaError_PointsAtLine()
    {
        var result = SchemaCompiler.Compile("{\n  \"type\": \"object\",\n  \"minItems\": -1\n}");

        var error = Assert.Single(result.Errors, e => e.Path == "/minItems");
        Assert.False(result.Success);
        Assert.Equal(3, error.Line);
        Assert.Equal(15, error.Column); // the value -1
    }

    [Theory]
    [InlineData(null, SchemaDialect.Draft202012)]
    [InlineData("https://json-schema.org/draft/2020-12/schema", SchemaDialect.Draft202012)]
    [InlineData("http://json-schema.org/draft-07/schema#", SchemaDialect.Draft7)]
    [InlineData("http://json-schema.org/draft-07/schema", SchemaDialect.Draft7)]
    public void Compile_Schema_DialectFromDollarSchema(string? id, SchemaDialect dialect)
    {
        var schema = id is null ? "{}" : $"{{\"$schema\": \"{id}\"}}";

        Assert.Equal(dialect, SchemaCompiler.Compile(schema).Schema!.Dialect);
    }

    [Fact]
    public void Compile_Draft7_IgnoresRefSiblings()
    {
        const string schema = "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"definitions\": {\"s\": {\"type\": \"string\"}}, \"properties\": {\"a\": {\"$ref\": \"#/definitions/s\", \"maxLength\": 1}}}";

        Assert.Empty(SchemaCompiler.Compile(schema).Schema!.Validate("{\"a\": \"long\"}"));
    }

    [Fact]
    public void Compile_TooDeepSchema_Rejected()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"items\":", 300)) + "true" + new string('}', 300);

        var result = SchemaCompiler.Compile(deep);

        Assert.Contains("nested deeper than 256 levels", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_StoredDocument_ResolvedWithoutNetwork()
    {
        var options = new SchemaCompileOptions
        {
            Documents = new Dictionary<Uri, string> { [new Uri("https://workbench.local/schemas/money")] = "{\"type\": \"number\"}" },
        };

        var result = SchemaCompiler.Compile("{\"properties\": {\"total\": {\"$ref\": \"https://workbench.local/schemas/money\"}}}", options);

        Assert.True(result.Success, string.Join(" | ", result.Errors));
        Assert.Equal("/total", Assert.Single(result.Schema!.Validate("{\"total\": \"x\"}")).Path);
    }
}

using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Validation;

/// <summary>Meta-schema errors: only the errors a person needs, at the right place, phrased like output issues.</summary>
public sealed class MetaSchemaErrorTests
{
    private const string Draft7 = "\"$schema\": \"http://json-schema.org/draft-07/schema#\",\n  ";

    [Theory]
    [InlineData("")]
    [InlineData(Draft7)]
    public void MisspelledType_OnlyThatTypeReported(string dollarSchema)
    {
        var schema = "{\n  " + dollarSchema + "\"type\": \"object\",\n  \"properties\": {\n    \"age\": { \"type\": \"integr\" }\n  }\n}";

        var error = Assert.Single(SchemaCompiler.Compile(schema).Errors);

        Assert.Equal("/properties/age/type", error.Path);
        Assert.Equal("/properties/age/type: \"integr\" is not a JSON Schema type (string, number, integer, boolean, object, array, null)", error.Message);
        Assert.Equal(dollarSchema.Length == 0 ? 4 : 5, error.Line);
        Assert.Equal(22, error.Column);
    }

    [Fact]
    public void MisspelledTypeInArray_PointsAtTheItem()
    {
        var error = Assert.Single(SchemaCompiler.Compile("{\n  \"type\": [\"string\", \"nul\"]\n}").Errors);

        Assert.Equal("/type/1", error.Path);
        Assert.Equal((2, 22), (error.Line, error.Column));
        Assert.StartsWith("/type/1: \"nul\" is not a JSON Schema type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeNotAName_SaysWhatIsExpected()
    {
        var error = Assert.Single(SchemaCompiler.Compile("{\n  \"type\": 5\n}").Errors);

        Assert.Equal("/type", error.Path);
        Assert.Equal("/type: expected a JSON Schema type name (string, number, integer, boolean, object, array, null) or an array of them, got the number 5", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(Draft7)]
    public void RequiredNotAnArray_OnlyRequiredReported(string dollarSchema)
    {
        var schema = "{\n  " + dollarSchema + "\"type\": \"object\",\n  \"required\": \"name\"\n}";

        var error = Assert.Single(SchemaCompiler.Compile(schema).Errors);

        Assert.Equal("/required", error.Path);
        Assert.Equal("/required: expected an array of property names, got the string \"name\"", error.Message);
        Assert.Equal((dollarSchema.Length == 0 ? 3 : 4, 15), (error.Line, error.Column));
    }

    [Fact]
    public void PropertiesNotAnObject_OnlyPropertiesReported()
    {
        var error = Assert.Single(SchemaCompiler.Compile("{\n  \"type\": \"object\",\n  \"properties\": [\"a\"]\n}").Errors);

        Assert.Equal("/properties", error.Path);
        Assert.Equal("/properties: expected an object mapping names to schemas, got an array of 1 items", error.Message);
        Assert.Equal((3, 17), (error.Line, error.Column));
    }

    [Fact]
    public void PropertyNotASchema_SaysASchemaIsExpected()
    {
        var error = Assert.Single(SchemaCompiler.Compile("{\n  \"properties\": {\n    \"a\": \"string\"\n  }\n}").Errors);

        Assert.Equal("/properties/a", error.Path);
        Assert.Equal("/properties/a: expected a schema (an object, or true/false), got the string \"string\"", error.Message);
        Assert.Equal((3, 10), (error.Line, error.Column));
    }

    [Fact]
    public void MinimumAString_OnlyMinimumReported()
    {
        var error = Assert.Single(SchemaCompiler.Compile("{\n  \"type\": \"number\",\n  \"minimum\": \"3\"\n}").Errors);

        Assert.Equal("/minimum", error.Path);
        Assert.Equal("/minimum: expected a number, got the string \"3\"", error.Message);
        Assert.Equal((3, 14), (error.Line, error.Column));
    }

    [Fact]
    public void NegativeMinItems_SaysNonNegativeInteger()
    {
        var error = Assert.Single(SchemaCompiler.Compile("{\n  \"type\": \"array\",\n  \"minItems\": -1\n}").Errors);

        Assert.Equal("/minItems: expected a non-negative integer, got the number -1", error.Message);
    }

    [Fact]
    public void SeveralMistakes_EachReportedOnceInDocumentOrder()
    {
        const string schema = "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"age\": { \"type\": \"integr\", \"minimum\": \"0\" }\n  },\n  \"required\": \"age\"\n}";

        var errors = SchemaCompiler.Compile(schema).Errors;

        Assert.Equal(["/properties/age/minimum", "/properties/age/type", "/required"], errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(errors, e => e.Path == "/type" || e.Path.Length == 0);
    }

    [Theory]
    [InlineData("{\n  \"type\": \"string\",\n  \"format\": \"zzz\"\n}")]
    [InlineData("{\n  \"type\": \"string\",\n  \"x-unknown-keyword\": 1\n}")]
    public void UnknownFormatOrKeyword_IsFine(string schema)
    {
        var result = SchemaCompiler.Compile(schema);

        Assert.True(result.Success, string.Join(" | ", result.Errors));
    }
}

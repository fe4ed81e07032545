using System.Diagnostics;
using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Validation;

public sealed class OutputValidatorTests
{
    private const string Invoice = """
        {
          "type": "object",
          "required": ["email", "items"],
          "additionalProperties": false,
          "properties": {
            "email": { "type": "string", "pattern": "^[^@]+@[^@]+$" },
            "status": { "enum": ["open", "closed"] },
            "items": { "type": "array", "minItems": 1, "items": {
              "type": "object", "properties": { "price": { "type": "number", "minimum": 0 } } } }
          }
        }
        """;

    [Fact]
    public void Validate_ValidOutputInFence_IsValid()
    {
        var result = OutputValidator.Validate(Invoice, "Sure:\n```json\n{\"email\": \"a@b.c\", \"items\": [{\"price\": 1}]}\n```");

        Assert.True(result.IsValid);
        Assert.Empty(result.Issues);
        Assert.NotNull(result.Json);
    }

    [Fact]
    public void Validate_WrongTypeMissingAndExtra_ReadableIssuesOrderedByPath()
    {
        var result = OutputValidator.Validate(Invoice,
            "{\"items\": [{\"price\": 1}, {\"price\": 2}, {\"price\": \"12 EUR\"}], \"status\": \"lost\", \"foo\": 1}");

        Assert.False(result.IsValid);
        Assert.Contains(new ValidationIssue("/items/2/price", "type", "expected a number, got the string \"12 EUR\""), result.Issues);
        Assert.Contains(new ValidationIssue("", "required", "missing required property \"email\""), result.Issues);
        Assert.Contains(new ValidationIssue("/foo", "additionalProperties", "property \"foo\" is not allowed"), result.Issues);
        Assert.Contains(result.Issues, i => i.Path == "/status" && i.Kind == "enum" && i.Message.Contains("\"open\"", StringComparison.Ordinal));
        Assert.Equal(result.Issues.OrderBy(i => i.Path == "" ? 0 : 1).Select(i => i.Path == "" ? 0 : 1), result.Issues.Select(i => i.Path == "" ? 0 : 1));
        Assert.Equal("/items/2/price: expected a number, got the string \"12 EUR\"",
            result.Issues.Single(i => i.Path == "/items/2/price").ToString());
    }

    [Fact]
    public void Validate_MinimumAndPattern_KindIsKeyword()
    {
        var result = OutputValidator.Validate(Invoice, "{\"email\": \"nope\", \"items\": [{\"price\": -3}]}");

        Assert.Contains(result.Issues, i => i.Path == "/email" && i.Kind == "pattern");
        Assert.Contains(result.Issues, i => i.Path == "/items/0/price" && i.Kind == "minimum" && i.Message.Contains("-3", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NoJson_ExtractionIssueAndNullJson()
    {
        var result = OutputValidator.Validate(Invoice, "I cannot do that.");

        Assert.False(result.IsValid);
        Assert.Null(result.Json);
        Assert.Equal("extraction", Assert.Single(result.Issues).Kind);
    }

    [Theory]
    [InlineData("{\"type\": \"object\"", "line")]
    [InlineData("not json", "line")]
    [InlineData("{\"type\": \"objekt\"}", "/type")]
    [InlineData("{\"minimum\": \"ten\"}", "/minimum")]
    [InlineData("42", "JSON object")]
    [InlineData("{\"$schema\": \"http://json-schema.org/draft-04/schema#\"}", "unsupported $schema")]
    [InlineData("{\"pattern\": \"[\"}", "pattern")]
    public void Validate_InvalidSchema_SchemaIssueSaysWhere(string schema, string where)
    {
        var result = OutputValidator.Validate(schema, "{}");

        Assert.False(result.IsValid);
        var issue = Assert.Single(result.Issues, i => i.Kind == "schema");
        Assert.Contains(where, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CatastrophicPattern_LimitIssueWithinASecond()
    {
        const string schema = "{\"type\": \"object\", \"properties\": {\"code\": {\"type\": \"string\", \"pattern\": \"^(a+)+$\"}}}";
        var output = "{\"code\": \"" + new string('a', 32) + "!\"}";
        var watch = Stopwatch.StartNew();

        var result = OutputValidator.Validate(schema, output);

        watch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"catastrophic pattern: {watch.ElapsedMilliseconds} ms");
        Assert.False(result.IsValid);
        var issue = Assert.Single(result.Issues);
        Assert.Equal("limit", issue.Kind);
        Assert.Equal("/code", issue.Path);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString()); // a hang detector only: the bound itself is structural (timeouts, linear scan) and is measured in the benchmarks
    }

    [Fact]
    public void Validate_CatastrophicPatternProperty_LimitIssue()
    {
        const string schema = "{\"patternProperties\": {\"^(a|aa)+$\": {\"type\": \"string\"}}}";
        var output = "{\"" + new string('a', 40) + "!\": 1}";

        var result = OutputValidator.Validate(schema, output);

        Assert.Equal("limit", Assert.Single(result.Issues).Kind);
    }

    [Fact]
    public void Validate_TenThousandLevelInstance_NestedTooDeepIssue()
    {
        var output = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);
        var watch = Stopwatch.StartNew();

        var result = OutputValidator.Validate("{}", output);

        Assert.False(result.IsValid);
        var issue = Assert.Single(result.Issues);
        Assert.Equal("limit", issue.Kind);
        Assert.Contains("nested deeper than 256 levels", issue.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString()); // a hang detector only: the bound itself is structural (timeouts, linear scan) and is measured in the benchmarks
    }

    [Fact]
    public void Validate_FiftyMegabyteOutput_LimitIssueNothingParsed()
    {
        var result = OutputValidator.Validate("{}", "[" + new string('1', 50 * 1024 * 1024) + "]");

        Assert.Null(result.Json);
        Assert.Equal("limit", Assert.Single(result.Issues).Kind);
    }

    [Fact]
    public void Validate_FiftyMegabyteSchema_LimitIssue()
    {
        var result = OutputValidator.Validate("{\"description\": \"" + new string('x', 50 * 1024 * 1024) + "\"}", "{}");

        Assert.Contains(result.Issues, i => i.Kind == "schema" && i.Message.Contains("limit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"type\": \"number\", \"maximum\": 10}", "1e400", false)]
    [InlineData("{\"type\": \"number\", \"minimum\": 10}", "1e400", true)]
    [InlineData("{\"type\": \"integer\"}", "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890", true)]
    [InlineData("{\"type\": \"integer\", \"maximum\": 5}", "-1E+400", true)]
    [InlineData("{\"type\": \"number\"}", "1.5e-400", true)]
    public void Validate_HugeNumbers_NoExceptionAndSensibleResult(string schema, string output, bool valid)
    {
        var result = OutputValidator.Validate(schema, output);

        Assert.Equal(valid, result.IsValid);
        Assert.DoesNotContain(result.Issues, i => i.Kind is "schema" or "limit");
    }

    [Fact]
    public void Validate_RemoteRef_RefusedWithClearMessage()
    {
        var result = OutputValidator.Validate("{\"$ref\": \"https://example.com/schemas/person.json\"}", "{}");

        var issue = Assert.Single(result.Issues, i => i.Kind == "schema");
        Assert.Contains("https://example.com/schemas/person.json", issue.Message, StringComparison.Ordinal);
        Assert.Contains("never fetched", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RecursiveRef_ValidatesTree()
    {
        const string schema = """
            {"$defs": {"node": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
             "$ref": "#/$defs/node"}
            """;

        Assert.True(OutputValidator.Validate(schema, "{\"children\": [{\"children\": []}, {}]}").IsValid);
        var bad = OutputValidator.Validate(schema, "{\"children\": [{\"children\": [1]}]}");
        Assert.Equal("/children/0/children/0", Assert.Single(bad.Issues).Path);
    }

    [Fact]
    public void Validate_Draft7Definitions_Work()
    {
        const string schema = """
            {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"n": {"type": "integer"}},
             "type": "array", "items": {"$ref": "#/definitions/n"}}
            """;

        Assert.True(OutputValidator.Validate(schema, "[1, 2]").IsValid);
        Assert.Equal("/1", Assert.Single(OutputValidator.Validate(schema, "[1, \"x\"]").Issues).Path);
    }

    [Fact]
    public void Validate_PathologicalRef_SchemaIssueNoHang()
    {
        var result = OutputValidator.Validate("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}", "1");

        Assert.False(result.IsValid);
        Assert.Contains(result.Issues, i => i.Kind == "schema");
    }

    [Fact]
    public void Validate_MissingLocalRef_SchemaIssue()
    {
        var result = OutputValidator.Validate("{\"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"}}}", "{}");

        Assert.Contains(result.Issues, i => i.Kind == "schema" && i.Message.Contains("points nowhere", StringComparison.Ordinal));
    }
}

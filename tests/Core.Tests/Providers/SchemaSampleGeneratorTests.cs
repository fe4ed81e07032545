using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Core.Providers;

namespace Workbench.Core.Tests.Providers;

public class SchemaSampleGeneratorTests
{
    private const string PersonSchema = """
        {
          "type": "object",
          "properties": {
            "id": { "type": "string", "format": "uuid" },
            "name": { "type": "string", "minLength": 3, "maxLength": 40 },
            "email": { "type": "string", "format": "email" },
            "phone": { "type": "string" },
            "city": { "type": "string" },
            "born": { "type": "string", "format": "date" },
            "updatedAt": { "type": "string", "format": "date-time" },
            "homepage": { "type": "string", "format": "uri" },
            "price": { "type": "number", "minimum": 0, "maximum": 1000 },
            "age": { "type": "integer", "minimum": 18, "maximum": 20 },
            "status": { "enum": ["new", "open", "closed"] },
            "kind": { "const": "person" },
            "tags": { "type": "array", "items": { "type": "string" }, "minItems": 4 },
            "address": { "$ref": "#/$defs/address" },
            "contact": { "oneOf": [ { "type": "string", "format": "email" }, { "type": "integer" } ] },
            "nickname": { "type": ["string", "null"], "maxLength": 5 }
          },
          "required": ["id", "name", "email", "address"],
          "additionalProperties": false,
          "$defs": {
            "address": {
              "type": "object",
              "properties": { "street": { "type": "string" }, "zip": { "type": "string" } },
              "required": ["street", "zip"]
            }
          }
        }
        """;

    private static readonly string[] Statuses = ["new", "open", "closed"];

    [Fact]
    public void Generate_PersonSchema_ProducesConformingPlausibleValues()
    {
        var node = Assert.IsType<JsonObject>(SchemaSampleGenerator.Generate(PersonSchema, new Random(7)));

        Assert.True(Guid.TryParse(node["id"]!.GetValue<string>(), out _));
        var name = node["name"]!.GetValue<string>();
        Assert.InRange(name.Length, 3, 40);
        Assert.Contains(" ", name, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^[a-z]+\.[a-z]+@example\.com$"), node["email"]!.GetValue<string>());
        Assert.StartsWith("+1 555", node["phone"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(DateOnly.TryParseExact(node["born"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.True(DateTimeOffset.TryParse(node["updatedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.True(Uri.TryCreate(node["homepage"]!.GetValue<string>(), UriKind.Absolute, out _));
        Assert.InRange(node["price"]!.GetValue<double>(), 0, 1000);
        Assert.InRange(node["age"]!.GetValue<long>(), 18, 20);
        Assert.Contains(node["status"]!.GetValue<string>(), Statuses);
        Assert.Equal("person", node["kind"]!.GetValue<string>());
        Assert.True(node["tags"]!.AsArray().Count >= 4);
        Assert.NotNull(node["address"]!["street"]);
        Assert.NotNull(node["address"]!["zip"]);
        Assert.Contains("@", node["contact"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(node["nickname"]!.GetValue<string>().Length <= 5);
        Assert.Equal(16, node.Count); // no property outside the schema
    }

    [Fact]
    public void Generate_SameSeed_SameJson()
    {
        var first = SchemaSampleGenerator.Generate(PersonSchema, new Random(42))!.ToJsonString();
        var second = SchemaSampleGenerator.Generate(PersonSchema, new Random(42))!.ToJsonString();
        var other = SchemaSampleGenerator.Generate(PersonSchema, new Random(43))!.ToJsonString();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Generate_RecursiveRef_Terminates()
    {
        const string schema = """{"$defs":{"node":{"type":"object","properties":{"child":{"$ref":"#/$defs/node"}}}},"$ref":"#/$defs/node"}""";

        var node = SchemaSampleGenerator.Generate(schema, new Random(1));

        Assert.IsType<JsonObject>(node);
    }

    [Fact]
    public void Generate_ArrayRoot_WithMaxItems_RespectsBounds()
    {
        var node = SchemaSampleGenerator.Generate("""{"type":"array","items":{"type":"integer","minimum":5,"maximum":5},"minItems":1,"maxItems":1}""", new Random(1));

        var array = Assert.IsType<JsonArray>(node);
        Assert.Equal(5, Assert.Single(array)!.GetValue<long>());
    }
}

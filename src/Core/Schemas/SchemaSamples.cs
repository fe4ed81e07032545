using Workbench.Core.Validation;
using NJsonSchemaDocument = NJsonSchema.JsonSchema;

namespace Workbench.Core.Schemas;

/// <summary>Generates an example instance of a schema (NJsonSchema's sample generator), for the sample-output pane.</summary>
public static class SchemaSamples
{
    /// <summary>
    /// A sample instance, indented. The schema is checked with <see cref="SchemaCompiler"/> first, so only valid schemas
    /// with local references reach NJsonSchema (which would otherwise try to resolve remote references). Never throws
    /// on user input. The sample is a starting point: NJsonSchema does not honour every keyword, so it may not validate.
    /// </summary>
    public static SchemaAidResult Generate(string? schemaJson)
    {
        var compiled = SchemaCompiler.Compile(schemaJson ?? "");
        if (!compiled.Success)
        {
            return SchemaAidResult.Fail("Fix the schema first: " + compiled.Errors[0]);
        }

        try
        {
            var schema = NJsonSchemaDocument.FromJsonAsync(WithDefinitionsForNJsonSchema(schemaJson!)).GetAwaiter().GetResult();
            var sample = schema.ToSampleJson();
            return SchemaAidResult.Ok(JsonText.Indent(sample.ToString(Newtonsoft.Json.Formatting.None)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return SchemaAidResult.Fail("No example could be generated from this schema: " + ex.Message);
        }
    }

    /// <summary>
    /// NJsonSchema resolves local references only under the older <c>definitions</c> keyword; 2020-12 schemas use
    /// <c>$defs</c>. The copy handed to the sample generator moves root <c>$defs</c> there and rewrites the references.
    /// </summary>
    internal static string WithDefinitionsForNJsonSchema(string schemaJson)
    {
        if (System.Text.Json.Nodes.JsonNode.Parse(schemaJson) is not System.Text.Json.Nodes.JsonObject root
            || root["$defs"] is not System.Text.Json.Nodes.JsonObject defs || root.ContainsKey("definitions"))
        {
            return schemaJson;
        }

        root.Remove("$defs");
        root["definitions"] = defs;
        RewriteRefs(root);

        // A root that is only a reference ({"$ref": "#/$defs/node", "$defs": ...}) hides its definitions from the
        // older draft NJsonSchema reads (siblings of $ref are ignored): start from the referenced definition instead.
        if (root["$ref"] is System.Text.Json.Nodes.JsonValue rootRef && rootRef.TryGetValue<string>(out var target)
            && target.StartsWith("#/definitions/", StringComparison.Ordinal)
            && defs[target["#/definitions/".Length..]] is System.Text.Json.Nodes.JsonObject referenced)
        {
            var inlined = (System.Text.Json.Nodes.JsonObject)referenced.DeepClone();
            inlined["definitions"] = defs.DeepClone();
            return inlined.ToJsonString();
        }

        return root.ToJsonString();
    }

    private static void RewriteRefs(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                if (obj["$ref"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var reference)
                    && reference.StartsWith("#/$defs/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/definitions/" + reference["#/$defs/".Length..];
                }

                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    RewriteRefs(child);
                }

                break;
            case System.Text.Json.Nodes.JsonArray array:
                foreach (var child in array.ToList())
                {
                    RewriteRefs(child);
                }

                break;
        }
    }
}

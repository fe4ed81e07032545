using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Core.Validation;
using NJsonSchemaDocument = NJsonSchema.JsonSchema;

namespace Workbench.Core.Schemas;

/// <summary>Infers a draft schema from an example value (NJsonSchema's <c>FromSampleJson</c>), for authors who start from an output.</summary>
public static class SchemaInference
{
    /// <summary>
    /// A 2020-12 schema describing <paramref name="exampleJson"/>: NJsonSchema's draft-04 output with <c>$schema</c>
    /// removed and <c>definitions</c> moved to <c>$defs</c>. The example must be strict JSON within the schema size and
    /// depth limits. The result is checked with <see cref="SchemaCompiler"/>. Never throws on user input.
    /// </summary>
    public static SchemaAidResult FromExample(string? exampleJson, ValidationLimits? limits = null)
    {
        limits ??= ValidationLimits.Default;
        exampleJson ??= "";
        if (string.IsNullOrWhiteSpace(exampleJson))
        {
            return SchemaAidResult.Fail("Paste an example JSON value first.");
        }

        if (TextLimits.ExceedsBytes(exampleJson, limits.MaxSchemaBytes, out var bytes))
        {
            return SchemaAidResult.Fail($"The example is {TextLimits.Describe(bytes)}; schemas are inferred from examples up to {TextLimits.Describe(limits.MaxSchemaBytes)}.");
        }

        // Newtonsoft (inside NJsonSchema) stops at 64 levels; a deeper example gets a clear message instead.
        var maxDepth = Math.Min(limits.MaxDepth, 60);
        try
        {
            using var _ = JsonDocument.Parse(exampleJson, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            return SchemaAidResult.Fail(ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                ? $"The example is nested deeper than {maxDepth} levels."
                : $"The example is not valid JSON (line {(ex.LineNumber ?? 0) + 1}): {ex.Message.Split(" Path:")[0]}");
        }

        string inferred;
        try
        {
            inferred = NJsonSchemaDocument.FromSampleJson(exampleJson).ToJson();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return SchemaAidResult.Fail("No schema could be inferred from this example: " + ex.Message);
        }

        var node = JsonNode.Parse(inferred);
        if (node is JsonObject root)
        {
            root.Remove("$schema");
            if (root.Remove("definitions", out var definitions))
            {
                root["$defs"] = definitions;
            }

            RewriteReferences(root);
        }

        var text = JsonText.Indent(node);
        var compiled = SchemaCompiler.Compile(text, new SchemaCompileOptions { Limits = limits });
        return compiled.Success ? SchemaAidResult.Ok(text) : SchemaAidResult.Fail("The inferred schema is not valid: " + compiled.Errors[0]);
    }

    private static void RewriteReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith("#/definitions/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/$defs/" + target["#/definitions/".Length..];
                }

                foreach (var (_, child) in obj.ToList())
                {
                    RewriteReferences(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteReferences(child);
                }

                break;
        }
    }
}

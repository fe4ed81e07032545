using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Core.Schemas;

/// <summary>
/// The instruction appended to the prompt when the provider has no native structured output: the schema travels as text.
/// Shown in the template preview so the author sees exactly what the model receives.
/// </summary>
public static class SchemaHint
{
    public const string Introduction = "Respond with a single JSON value that conforms to the JSON Schema below. Output only the JSON: no prose, no Markdown code fences.";

    /// <summary>The hint text for <paramref name="schemaJson"/> (re-indented when it is valid JSON, verbatim otherwise).</summary>
    public static string For(string? schemaJson)
    {
        var schema = (schemaJson ?? "").Trim();
        try
        {
            schema = JsonNode.Parse(schema)?.ToJsonString(JsonText.Indented) ?? schema;
        }
        catch (JsonException)
        {
            // Saved versions are always valid; a draft is shown as written.
        }

        return Introduction + "\n\nJSON Schema:\n" + schema;
    }
}

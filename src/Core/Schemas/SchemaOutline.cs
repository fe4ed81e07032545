using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Core.Validation;

namespace Workbench.Core.Schemas;

/// <summary>A tree of the properties a schema describes (name, type, required, description) for the editor's outline view.</summary>
public static class SchemaOutline
{
    /// <summary>At most this many nodes are built (huge schemas get a truncated outline).</summary>
    public const int MaxNodes = 2000;

    private const int MaxNesting = 32;

    /// <summary>The root's properties; empty when the text is not a JSON object. Never throws on user input.</summary>
    public static IReadOnlyList<SchemaOutlineNode> Build(string? schemaJson)
    {
        if (string.IsNullOrWhiteSpace(schemaJson) || TextLimits.ExceedsBytes(schemaJson, ValidationLimits.Default.MaxSchemaBytes, out _))
        {
            return [];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(schemaJson, documentOptions: new JsonDocumentOptions { MaxDepth = ValidationLimits.Default.MaxDepth });
        }
        catch (JsonException)
        {
            return [];
        }

        if (root is not JsonObject obj)
        {
            return [];
        }

        var builder = new Builder(schemaJson, obj);
        return builder.Children(obj, "", 0, []);
    }

    private sealed class Builder(string text, JsonObject root)
    {
        private int _count;

        public List<SchemaOutlineNode> Children(JsonObject schema, string pointer, int depth, HashSet<string> followed)
        {
            var result = new List<SchemaOutlineNode>();
            if (depth >= MaxNesting)
            {
                return result;
            }

            var (resolved, resolvedPointer) = Resolve(schema, pointer, followed);
            if (resolved is null)
            {
                return result;
            }

            if (resolved["properties"] is JsonObject properties)
            {
                var required = resolved["required"] is JsonArray names
                    ? names.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal)
                    : [];
                foreach (var (name, value) in properties)
                {
                    if (_count++ >= MaxNodes)
                    {
                        return result;
                    }

                    var childPointer = JsonPointers.Append(JsonPointers.Append(resolvedPointer, "properties"), name);
                    result.Add(Node(name, value, childPointer, required.Contains(name), depth, followed));
                }
            }

            if (resolved["items"] is JsonObject items && _count++ < MaxNodes)
            {
                result.Add(Node("[]", items, JsonPointers.Append(resolvedPointer, "items"), false, depth, followed));
            }

            return result;
        }

        private SchemaOutlineNode Node(string name, JsonNode? value, string pointer, bool required, int depth, HashSet<string> followed)
        {
            var line = JsonPointerLocator.Locate(text, pointer).Line;
            if (value is not JsonObject schema)
            {
                return new SchemaOutlineNode(name, value?.GetValueKind() == JsonValueKind.False ? "never" : "any", required, null, line, []);
            }

            var description = schema["description"] is JsonValue d && d.TryGetValue<string>(out var said) ? said : null;
            var children = Children(schema, pointer, depth + 1, [.. followed]);
            return new SchemaOutlineNode(name, TypeOf(schema), required, description, line, children);
        }

        private (JsonObject? Schema, string Pointer) Resolve(JsonObject schema, string pointer, HashSet<string> followed)
        {
            // Follow local references ("#/$defs/x", "#/definitions/x"); a reference already on this path is a cycle: stop.
            for (var hops = 0; hops < 8; hops++)
            {
                if (schema["$ref"] is not JsonValue reference || !reference.TryGetValue<string>(out var target) || !target.StartsWith('#'))
                {
                    return (schema, pointer);
                }

                var targetPointer = JsonPointers.FromFragment(target[1..]);
                if (!followed.Add(targetPointer) || !JsonPointers.TryResolve(root, targetPointer, out var next) || next is not JsonObject nextSchema)
                {
                    return (null, pointer);
                }

                schema = nextSchema;
                pointer = targetPointer;
            }

            return (null, pointer);
        }

        private static string TypeOf(JsonObject schema)
        {
            if (schema["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target))
            {
                return "→ " + target[(target.LastIndexOf('/') + 1)..];
            }

            if (schema["enum"] is JsonArray values)
            {
                return "enum (" + string.Join(", ", values.Take(6).Select(v => v?.ToJsonString() ?? "null")) + (values.Count > 6 ? ", …" : "") + ")";
            }

            if (schema.ContainsKey("const"))
            {
                return "const " + (schema["const"]?.ToJsonString() ?? "null");
            }

            var type = schema["type"] switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonArray a => string.Join(" | ", a.Select(t => t?.ToString())),
                _ => schema.ContainsKey("properties") ? "object" : schema.ContainsKey("anyOf") ? "anyOf" : schema.ContainsKey("oneOf") ? "oneOf" : "any",
            };
            if (type == "array" && schema["items"] is JsonObject items)
            {
                return "array of " + TypeOf(items);
            }

            return type;
        }
    }
}

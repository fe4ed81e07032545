using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Core.Validation;

/// <summary>Copies a value with numbers outside the decimal range clamped to it (see <see cref="CompiledSchema"/>).</summary>
internal static class BigNumbers
{
    public static JsonNode? Clamp(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Clamp(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Clamp).ToArray()),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => ClampNumber(value),
        _ => node?.DeepClone(),
    };

    private static JsonValue ClampNumber(JsonValue value)
    {
        var raw = value.ToJsonString();
        if (decimal.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(raw.StartsWith('-') ? decimal.MinValue : decimal.MaxValue);
    }

    private static readonly HashSet<string> Counts = new(StringComparer.Ordinal)
    {
        "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties", "minContains", "maxContains",
    };

    private static readonly HashSet<string> Data = new(StringComparer.Ordinal) { "enum", "const", "default", "examples" };

    /// <summary>
    /// The first keyword value in a schema the library cannot represent (it throws instead of reporting): a number outside
    /// the decimal range (±7.9e28), or a count (<c>minItems</c>, <c>maxLength</c> ...) above 4,294,967,295. Values inside
    /// <c>enum</c>, <c>const</c>, <c>default</c> and <c>examples</c> are data and are handled at validation.
    /// </summary>
    public static (string Pointer, string Message)? FindUnsupported(JsonNode root)
    {
        var stack = new Stack<(JsonNode Node, string Pointer, string Name)>();
        stack.Push((root, "", ""));
        while (stack.Count > 0)
        {
            var (node, pointer, name) = stack.Pop();
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        if (child is not null && !Data.Contains(key))
                        {
                            stack.Push((child, JsonPointers.Append(pointer, key), key));
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is { } child)
                        {
                            stack.Push((child, JsonPointers.Append(pointer, i), ""));
                        }
                    }

                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                    var raw = value.ToJsonString();
                    if (!decimal.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d))
                    {
                        return (pointer, $"the number {Shorten(raw)} is too large: numbers in a schema must be between -7.9e28 and 7.9e28");
                    }

                    if (Counts.Contains(name) && d > uint.MaxValue)
                    {
                        return (pointer, $"the number {Shorten(raw)} is too large for {name}: the most is {uint.MaxValue}");
                    }

                    break;
            }
        }

        return null;
    }

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..37] + "...";
}

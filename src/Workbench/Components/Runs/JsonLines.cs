using System.Globalization;
using System.Text.Json;

namespace Workbench.Components.Runs;

/// <summary>Pretty-prints JSON as <see cref="JsonLine"/>s, each knowing its JSON Pointer, so issue paths can be highlighted.</summary>
public static class JsonLines
{
    /// <summary>The lines of <paramref name="json"/>, at most <paramref name="maxLines"/>; null when it does not parse.</summary>
    public static (IReadOnlyList<JsonLine> Lines, bool Truncated)? Build(string? json, int maxLines = 5000)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
            var lines = new List<JsonLine>();
            var truncated = !Write(document.RootElement, "", 0, null, false, lines, maxLines);
            return (lines, truncated);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Write(JsonElement element, string path, int indent, string? key, bool comma, List<JsonLine> lines, int maxLines)
    {
        if (lines.Count >= maxLines)
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var properties = element.EnumerateObject().ToList();
                if (properties.Count == 0)
                {
                    lines.Add(new JsonLine(indent, key, "{}", "open", path, comma));
                    return true;
                }

                lines.Add(new JsonLine(indent, key, "{", "open", path, false));
                for (var i = 0; i < properties.Count; i++)
                {
                    var property = properties[i];
                    if (!Write(property.Value, path + "/" + Escape(property.Name), indent + 1, JsonSerializer.Serialize(property.Name), i < properties.Count - 1, lines, maxLines))
                    {
                        return false;
                    }
                }

                lines.Add(new JsonLine(indent, null, "}", "close", path, comma));
                return true;
            }

            case JsonValueKind.Array:
            {
                var items = element.EnumerateArray().ToList();
                if (items.Count == 0)
                {
                    lines.Add(new JsonLine(indent, key, "[]", "open", path, comma));
                    return true;
                }

                lines.Add(new JsonLine(indent, key, "[", "open", path, false));
                for (var i = 0; i < items.Count; i++)
                {
                    if (!Write(items[i], path + "/" + i.ToString(CultureInfo.InvariantCulture), indent + 1, null, i < items.Count - 1, lines, maxLines))
                    {
                        return false;
                    }
                }

                lines.Add(new JsonLine(indent, null, "]", "close", path, comma));
                return true;
            }

            case JsonValueKind.String:
                lines.Add(new JsonLine(indent, key, element.GetRawText(), "string", path, comma));
                return true;
            case JsonValueKind.Number:
                lines.Add(new JsonLine(indent, key, element.GetRawText(), "number", path, comma));
                return true;
            default:
                lines.Add(new JsonLine(indent, key, element.GetRawText(), "literal", path, comma));
                return true;
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

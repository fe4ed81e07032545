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

        return element.ValueKind switch
        {
            JsonValueKind.Object => WriteObject(element, path, indent, key, comma, lines, maxLines),
            JsonValueKind.Array => WriteArray(element, path, indent, key, comma, lines, maxLines),
            _ => Add(lines, new JsonLine(indent, key, element.GetRawText(), KindOf(element.ValueKind), path, comma)),
        };
    }

    private static bool WriteObject(JsonElement element, string path, int indent, string? key, bool comma, List<JsonLine> lines, int maxLines)
    {
        var properties = element.EnumerateObject().ToList();
        if (properties.Count == 0)
        {
            return Add(lines, new JsonLine(indent, key, "{}", "open", path, comma));
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

        return Add(lines, new JsonLine(indent, null, "}", "close", path, comma));
    }

    private static bool WriteArray(JsonElement element, string path, int indent, string? key, bool comma, List<JsonLine> lines, int maxLines)
    {
        var items = element.EnumerateArray().ToList();
        if (items.Count == 0)
        {
            return Add(lines, new JsonLine(indent, key, "[]", "open", path, comma));
        }

        lines.Add(new JsonLine(indent, key, "[", "open", path, false));
        for (var i = 0; i < items.Count; i++)
        {
            if (!Write(items[i], path + "/" + i.ToString(CultureInfo.InvariantCulture), indent + 1, null, i < items.Count - 1, lines, maxLines))
            {
                return false;
            }
        }

        return Add(lines, new JsonLine(indent, null, "]", "close", path, comma));
    }

    private static bool Add(List<JsonLine> lines, JsonLine line)
    {
        lines.Add(line);
        return true;
    }

    private static string KindOf(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "literal",
    };

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

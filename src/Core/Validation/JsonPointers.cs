using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Workbench.Core.Validation;

/// <summary>JSON Pointer helpers (RFC 6901).</summary>
internal static class JsonPointers
{
    public static string[] Split(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        var parts = pointer.Split('/');
        var segments = new string[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            segments[i - 1] = parts[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return segments;
    }

    public static string Escape(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, string segment) => pointer + "/" + Escape(segment);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Finds the node a pointer names; false when it does not exist.</summary>
    public static bool TryResolve(JsonNode? root, string pointer, out JsonNode? node)
    {
        node = root;
        foreach (var segment in Split(pointer))
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    node = child;
                    break;
                case JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                    node = array[index];
                    break;
                default:
                    node = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>Orders pointers segment by segment, numbers numerically (/items/2 before /items/10).</summary>
    public static int Compare(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }

        var sa = Split(a);
        var sb = Split(b);
        for (var i = 0; i < Math.Min(sa.Length, sb.Length); i++)
        {
            var na = int.TryParse(sa[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ia);
            var nb = int.TryParse(sb[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ib);
            var c = na && nb ? ia.CompareTo(ib) : string.CompareOrdinal(sa[i], sb[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return sa.Length.CompareTo(sb.Length);
    }

    /// <summary>Builds a pointer from a URI fragment such as <c>#/properties/a%20b</c>.</summary>
    public static string FromFragment(string fragment)
    {
        var f = fragment.StartsWith('#') ? fragment[1..] : fragment;
        return Uri.UnescapeDataString(f);
    }

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        sb.Append('"');
        return sb.ToString();
    }
}

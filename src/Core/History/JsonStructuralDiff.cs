using System.Globalization;
using System.Text.Json;

namespace Workbench.Core.History;

/// <summary>
/// A structural diff of two JSON documents by JSON Pointer path: object members by name (left's order, then members
/// only on the right), arrays by index, and for scalars a change of value or of type. Numbers compare by value
/// (<c>1</c> equals <c>1.0</c>); member order and whitespace do not matter; with duplicate member names the last wins
/// (as most parsers read them). Never throws on input: a document that is not JSON gives an error result.
/// </summary>
public static class JsonStructuralDiff
{
    public const int DefaultMaxChanges = 1000;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static JsonDiffResult Compare(string left, string right, int maxChanges = DefaultMaxChanges)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChanges);
        using var leftDocument = Parse(left, "left", out var leftError);
        using var rightDocument = Parse(right, "right", out var rightError);
        if (leftError is not null || rightError is not null)
        {
            return new JsonDiffResult([], false, string.Join(" ", new[] { leftError, rightError }.Where(e => e is not null)));
        }

        var collector = new Collector(maxChanges);
        Walk(leftDocument!.RootElement, rightDocument!.RootElement, "", collector);
        return new JsonDiffResult(collector.Changes, collector.Truncated, null);
    }

    private static JsonDocument? Parse(string json, string side, out string? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"The {side} document is not JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}).");
            return null;
        }
    }

    private static void Walk(JsonElement left, JsonElement right, string path, Collector collector)
    {
        switch (left.ValueKind)
        {
            case JsonValueKind.Object when right.ValueKind == JsonValueKind.Object:
                var leftMembers = Members(left);
                var rightMembers = Members(right);
                foreach (var (name, value) in leftMembers)
                {
                    var childPath = path + "/" + Escape(name);
                    if (rightMembers.TryGetValue(name, out var other))
                    {
                        Walk(value, other, childPath, collector);
                    }
                    else
                    {
                        collector.Add(() => new JsonChange(JsonChangeKind.Removed, childPath, Text(value), null, value.ValueKind, null));
                    }
                }

                foreach (var (name, value) in rightMembers)
                {
                    if (!leftMembers.ContainsKey(name))
                    {
                        collector.Add(() => new JsonChange(JsonChangeKind.Added, path + "/" + Escape(name), null, Text(value), null, value.ValueKind));
                    }
                }

                return;
            case JsonValueKind.Array when right.ValueKind == JsonValueKind.Array:
                var leftLength = left.GetArrayLength();
                var rightLength = right.GetArrayLength();
                for (var i = 0; i < Math.Max(leftLength, rightLength); i++)
                {
                    var childPath = path + "/" + i.ToString(CultureInfo.InvariantCulture);
                    if (i >= rightLength)
                    {
                        var removed = left[i];
                        collector.Add(() => new JsonChange(JsonChangeKind.Removed, childPath, Text(removed), null, removed.ValueKind, null));
                    }
                    else if (i >= leftLength)
                    {
                        var added = right[i];
                        collector.Add(() => new JsonChange(JsonChangeKind.Added, childPath, null, Text(added), null, added.ValueKind));
                    }
                    else
                    {
                        Walk(left[i], right[i], childPath, collector);
                    }
                }

                return;
            default:
                if (!ScalarEquals(left, right))
                {
                    collector.Add(() => new JsonChange(JsonChangeKind.Changed, path, Text(left), Text(right), left.ValueKind, right.ValueKind));
                }

                return;
        }
    }

    private static Dictionary<string, JsonElement> Members(JsonElement element)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            members[property.Name] = property.Value; // last wins; insertion order of first occurrence is kept
        }

        return members;
    }

    private static bool ScalarEquals(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        return left.ValueKind switch
        {
            JsonValueKind.String => string.Equals(left.GetString(), right.GetString(), StringComparison.Ordinal),
            JsonValueKind.Number => NumberEquals(left, right),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => true,
            _ => false, // an object or array against a different kind
        };
    }

    private static bool NumberEquals(JsonElement left, JsonElement right)
    {
        if (left.TryGetDecimal(out var l) && right.TryGetDecimal(out var r))
        {
            return l == r;
        }

        if (left.TryGetDouble(out var ld) && right.TryGetDouble(out var rd) && double.IsFinite(ld) && double.IsFinite(rd))
        {
            return ld.Equals(rd);
        }

        return string.Equals(left.GetRawText(), right.GetRawText(), StringComparison.Ordinal);
    }

    private static string Escape(string name) =>
        name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Text(JsonElement element) =>
        element.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? JsonSerializer.Serialize(element) : element.GetRawText();

    private sealed class Collector(int max)
    {
        public List<JsonChange> Changes { get; } = [];

        public bool Truncated { get; private set; }

        public void Add(Func<JsonChange> change)
        {
            if (Changes.Count >= max)
            {
                Truncated = true;
                return;
            }

            Changes.Add(change());
        }
    }
}

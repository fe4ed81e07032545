using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Core.Validation;

namespace Workbench.Core.Schemas;

/// <summary>
/// Finds and rewrites the <c>$ref</c> values of a schema without touching anything else of its text (the author's
/// formatting is kept). Values under data keywords (<c>const</c>, <c>enum</c>, <c>default</c>, <c>examples</c>) are data,
/// not references; names inside <c>properties</c>, <c>$defs</c>, ... are property names, not keywords.
/// </summary>
internal static class SchemaReferenceScanner
{
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "const", "enum", "default", "examples", "example" };
    private static readonly HashSet<string> MapKeywords = new(StringComparer.Ordinal) { "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies" };
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every <c>$ref</c> string value with its JSON Pointer and its UTF-8 token span (quotes included). Empty for invalid JSON.</summary>
    public static IReadOnlyList<FoundReference> Find(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var found = new List<FoundReference>();
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = ValidationLimits.Default.MaxDepth + 8 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1].Property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        frames.Add(Child(frames, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        Advance(frames);
                        break;
                    case JsonTokenType.String:
                        if (frames.Count > 0 && frames[^1] is { IsArray: false, IsMap: false, IsData: false, Property: "$ref" } frame)
                        {
                            var start = (int)reader.TokenStartIndex;
                            var length = reader.ValueSpan.Length + 2;
                            found.Add(new FoundReference(JsonPointers.Append(frame.Pointer, "$ref"), reader.GetString()!, start, length));
                        }

                        Advance(frames);
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return []; // the compiler reports the syntax error with its position
        }

        return found;
    }

    /// <summary>Replaces the given references' values in <paramref name="json"/>; everything else stays byte for byte.</summary>
    public static string Replace(string json, IReadOnlyList<(FoundReference Reference, string Value)> replacements)
    {
        if (replacements.Count == 0)
        {
            return json;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        using var output = new MemoryStream(bytes.Length + 64);
        var position = 0;
        foreach (var (reference, value) in replacements.OrderBy(r => r.Reference.ByteStart))
        {
            output.Write(bytes, position, reference.ByteStart - position);
            output.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, StringOptions)));
            position = reference.ByteStart + reference.ByteLength;
        }

        output.Write(bytes, position, bytes.Length - position);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>Rewrites every <c>$ref</c> string in a parsed schema (same rules as <see cref="Find"/>); null keeps the value.</summary>
    public static void Rewrite(JsonNode? node, Func<string, string?> rewrite) => Rewrite(node, rewrite, isMap: false);

    private static void Rewrite(JsonNode? node, Func<string, string?> rewrite, bool isMap)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (!isMap && name == "$ref" && child is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        if (rewrite(value.GetValue<string>()) is { } replaced)
                        {
                            obj[name] = replaced;
                        }
                    }
                    else if (isMap || !DataKeywords.Contains(name))
                    {
                        Rewrite(child, rewrite, isMap: !isMap && MapKeywords.Contains(name));
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item, rewrite, isMap: false);
                }

                break;
        }
    }

    private static Frame Child(List<Frame> frames, bool isArray)
    {
        if (frames.Count == 0)
        {
            return new Frame("", isArray, IsMap: false, IsData: false);
        }

        var parent = frames[^1];
        if (parent.IsArray)
        {
            return new Frame(JsonPointers.Append(parent.Pointer, parent.Index), isArray, IsMap: false, parent.IsData);
        }

        var name = parent.Property ?? "";
        var keyword = !parent.IsMap && !parent.IsData;
        var isData = parent.IsData || (keyword && DataKeywords.Contains(name));
        return new Frame(JsonPointers.Append(parent.Pointer, name), isArray, IsMap: !isData && keyword && MapKeywords.Contains(name), isData);
    }

    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    /// <summary>A <c>$ref</c> value found in schema text: where it is (pointer of the <c>$ref</c> member) and its UTF-8 token span.</summary>
    internal sealed record FoundReference(string Path, string Value, int ByteStart, int ByteLength);

    private sealed record Frame(string Pointer, bool IsArray, bool IsMap, bool IsData)
    {
        public string? Property { get; set; }

        public int Index { get; set; }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workbench.Core.Validation;

/// <summary>Finds the 1-based line and column where the value a JSON Pointer names starts in JSON text.</summary>
internal static class JsonPointerLocator
{
    /// <summary>(0, 0) when the text does not parse or the pointer names nothing.</summary>
    public static (int Line, int Column) Locate(string json, string pointer)
    {
        var target = JsonPointers.Split(pointer);
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 4096, CommentHandling = JsonCommentHandling.Skip });
        var path = new List<string>();
        var containers = new Stack<(bool IsArray, int Index)>();
        string? pendingName = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        containers.Pop();
                        if (path.Count > 0 && containers.Count > 0)
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        continue;
                }

                var pushed = false;
                if (containers.Count > 0)
                {
                    var (isArray, index) = containers.Pop();
                    containers.Push((isArray, index + 1));
                    path.Add(isArray ? index.ToString(CultureInfo.InvariantCulture) : pendingName ?? "");
                    pushed = true;
                }

                if (path.SequenceEqual(target, StringComparer.Ordinal))
                {
                    return Position(bytes, (int)reader.TokenStartIndex);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Push((reader.TokenType == JsonTokenType.StartArray, 0));
                }
                else if (pushed)
                {
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
        catch (JsonException)
        {
            return (0, 0);
        }

        return (0, 0);
    }

    private static (int Line, int Column) Position(byte[] bytes, int offset)
    {
        var prefix = bytes.AsSpan(0, offset);
        var line = prefix.Count((byte)'\n') + 1;
        var lineStart = prefix.LastIndexOf((byte)'\n') + 1;
        return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, offset - lineStart) + 1);
    }
}

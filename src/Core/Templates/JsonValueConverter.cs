using System.Text.Json;

namespace Workbench.Core.Templates;

/// <summary>Converts JSON text into plain objects Fluid understands (dictionaries, lists, strings, numbers, booleans, null).</summary>
internal static class JsonValueConverter
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static bool TryParse(string json, out object? value, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            value = Convert(document.RootElement);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            value = null;
            error = ex.Message;
            return false;
        }
    }

    public static bool LooksLikeJsonContainer(string value)
    {
        var trimmed = value.AsSpan().Trim();
        return trimmed.Length >= 2 && ((trimmed[0] == '[' && trimmed[^1] == ']') || (trimmed[0] == '{' && trimmed[^1] == '}'));
    }

    private static object? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    dictionary[property.Name] = Convert(property.Value);
                }

                return dictionary;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(Convert(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer))
                {
                    return integer;
                }

                return element.TryGetDecimal(out var number) ? number : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}

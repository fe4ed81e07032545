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
}

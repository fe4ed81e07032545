using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Core.Providers;

/// <summary>
/// Generates plausible JSON that conforms to a JSON Schema (the subset models are asked for): objects with properties
/// and required, arrays with min/maxItems, strings with formats, enum, const, length and numeric bounds, oneOf/anyOf
/// (first branch), allOf (merged), and local <c>$ref</c> into <c>$defs</c>/<c>definitions</c>. Values are chosen by
/// property name (name, email, phone, city, price, id ...) and are deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class SchemaSampleGenerator
{
    private const int MaxDepth = 12;

    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Hamilton", "Ritchie", "Liskov", "Thompson", "Knuth"];
    private static readonly string[] Cities = ["Lisbon", "Utrecht", "Lyon", "Porto", "Ghent", "Bologna", "Graz", "Aarhus"];
    private static readonly string[] Countries = ["Portugal", "Netherlands", "France", "Belgium", "Italy", "Austria", "Denmark"];
    private static readonly string[] Words = ["clear", "steady", "useful", "compact", "reliable", "simple", "careful", "bright", "quiet", "quick"];
    private static readonly string[] Nouns = ["report", "summary", "order", "request", "ticket", "review", "note", "plan"];

    private readonly JsonElement _root;
    private readonly Random _random;

    private SchemaSampleGenerator(JsonElement root, Random random)
    {
        _root = root;
        _random = random;
    }

    public static JsonNode? Generate(JsonElement schema, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new SchemaSampleGenerator(schema, random).Value(schema, null, 0);
    }

    public static JsonNode? Generate(string schemaJson, Random random)
    {
        using var document = JsonDocument.Parse(schemaJson);
        return Generate(document.RootElement.Clone(), random);
    }

    private JsonNode? Value(JsonElement schema, string? propertyName, int depth)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object)
        {
            return JsonValue.Create(Phrase());
        }

        if (depth > MaxDepth)
        {
            return null;
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String && Resolve(reference.GetString()!) is { } target)
        {
            return Value(target, propertyName, depth + 1);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(values[_random.Next(values.GetArrayLength())].GetRawText());
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                return Value(FirstNonNull(branches), propertyName, depth + 1);
            }
        }

        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
        {
            var merged = new JsonObject();
            foreach (var part in all.EnumerateArray())
            {
                if (Value(part, propertyName, depth + 1) is JsonObject partObject)
                {
                    foreach (var (key, node) in partObject.ToList())
                    {
                        partObject.Remove(key);
                        merged[key] = node;
                    }
                }
            }

            if (merged.Count > 0 || !HasType(schema))
            {
                return merged;
            }
        }

        return TypeOf(schema) switch
        {
            "object" => ObjectValue(schema, depth),
            "array" => ArrayValue(schema, propertyName, depth),
            "integer" => NumberValue(schema, propertyName, integer: true),
            "number" => NumberValue(schema, propertyName, integer: false),
            "boolean" => JsonValue.Create(true),
            "null" => null,
            _ => JsonValue.Create(StringValue(schema, propertyName)),
        };
    }

    private static bool HasType(JsonElement schema) => schema.TryGetProperty("type", out _);

    private static JsonElement FirstNonNull(JsonElement branches)
    {
        foreach (var branch in branches.EnumerateArray())
        {
            if (!(branch.ValueKind == JsonValueKind.Object && branch.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
            {
                return branch;
            }
        }

        return branches[0];
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!;
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var names = type.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
                return names.FirstOrDefault(n => n != "null") ?? names.FirstOrDefault() ?? "string";
            }
        }

        if (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("required", out _))
        {
            return "object";
        }

        if (schema.TryGetProperty("items", out _))
        {
            return "array";
        }

        return schema.TryGetProperty("minimum", out _) || schema.TryGetProperty("maximum", out _) ? "number" : "string";
    }

    private JsonElement? Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null; // only local references
        }

        var current = _root;
        foreach (var raw in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    private JsonObject ObjectValue(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        var required = schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array
            ? req.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var value = Value(property.Value, property.Name, depth + 1);
                if (value is null && !required.Contains(property.Name) && depth > MaxDepth / 2)
                {
                    continue;
                }

                result[property.Name] = value;
            }
        }

        foreach (var name in required.Where(r => !result.ContainsKey(r)))
        {
            result[name] = JsonValue.Create(Phrase());
        }

        return result;
    }

    private JsonArray ArrayValue(JsonElement schema, string? propertyName, int depth)
    {
        var min = Int(schema, "minItems") ?? 0;
        var max = Int(schema, "maxItems") ?? Math.Max(min, 3);
        var count = Math.Clamp(Math.Max(min, 2), min, Math.Max(min, max));
        var array = new JsonArray();
        var item = schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object ? items : default;
        var unique = schema.TryGetProperty("uniqueItems", out var u) && u.ValueKind == JsonValueKind.True;
        var singular = Singular(propertyName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count * 4 && array.Count < count; i++)
        {
            var value = item.ValueKind == JsonValueKind.Object ? Value(item, singular, depth + 1) : JsonValue.Create(Phrase());
            if (unique && !seen.Add(value?.ToJsonString() ?? "null"))
            {
                continue;
            }

            array.Add(value);
        }

        return array;
    }

    private JsonValue NumberValue(JsonElement schema, string? name, bool integer)
    {
        var lower = Double(schema, "minimum") ?? (Double(schema, "exclusiveMinimum") is { } exMin ? exMin + (integer ? 1 : 0.01) : (double?)null);
        var upper = Double(schema, "maximum") ?? (Double(schema, "exclusiveMaximum") is { } exMax ? exMax - (integer ? 1 : 0.01) : (double?)null);
        var key = name?.ToLowerInvariant() ?? "";
        double value = key switch
        {
            _ when key.Contains("price", StringComparison.Ordinal) || key.Contains("amount", StringComparison.Ordinal) || key.Contains("cost", StringComparison.Ordinal) || key.Contains("total", StringComparison.Ordinal)
                => Math.Round(5 + (_random.NextDouble() * 195), 2),
            _ when key.Contains("age", StringComparison.Ordinal) => _random.Next(21, 70),
            _ when key.Contains("year", StringComparison.Ordinal) => _random.Next(2015, 2026),
            _ when key.Contains("rating", StringComparison.Ordinal) || key.Contains("score", StringComparison.Ordinal) => _random.Next(1, 6),
            _ when key.Contains("quantity", StringComparison.Ordinal) || key.Contains("count", StringComparison.Ordinal) => _random.Next(1, 10),
            _ when key == "id" || key.EndsWith("id", StringComparison.Ordinal) => _random.Next(1000, 9999),
            _ when key.Contains("percent", StringComparison.Ordinal) => _random.Next(0, 101),
            _ => integer ? _random.Next(1, 100) : Math.Round(_random.NextDouble() * 100, 2),
        };

        if (lower is { } lo && value < lo)
        {
            value = upper is { } hi0 && hi0 >= lo ? lo + ((hi0 - lo) / 2) : lo;
        }

        if (upper is { } hi && value > hi)
        {
            value = lower is { } lo2 && lo2 <= hi ? lo2 + ((hi - lo2) / 2) : hi;
        }

        if (integer)
        {
            var rounded = Math.Round(value);
            if (lower is { } l && rounded < l)
            {
                rounded = Math.Ceiling(l);
            }

            if (upper is { } h && rounded > h)
            {
                rounded = Math.Floor(h);
            }

            if (Double(schema, "multipleOf") is { } m && m >= 1)
            {
                rounded = Math.Ceiling(rounded / m) * m;
            }

            return JsonValue.Create((long)rounded);
        }

        if (Double(schema, "multipleOf") is { } multiple && multiple > 0)
        {
            value = Math.Round(value / multiple) * multiple;
        }

        return JsonValue.Create(value);
    }

    private string StringValue(JsonElement schema, string? name)
    {
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var text = format switch
        {
            "email" or "idn-email" => Email(),
            "date" => Date().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date-time" => Date().AddHours(_random.Next(8, 18)).AddMinutes(_random.Next(60)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "time" => string.Create(CultureInfo.InvariantCulture, $"{_random.Next(8, 18):00}:{_random.Next(60):00}:00Z"),
            "uri" or "url" or "iri" => $"https://example.com/{Pick(Nouns)}s/{_random.Next(100, 999)}",
            "uri-reference" => $"/{Pick(Nouns)}s/{_random.Next(100, 999)}",
            "uuid" => Uuid(),
            "hostname" or "idn-hostname" => $"{Pick(Nouns)}.example.com",
            "ipv4" => string.Create(CultureInfo.InvariantCulture, $"192.0.2.{_random.Next(1, 255)}"),
            "ipv6" => string.Create(CultureInfo.InvariantCulture, $"2001:db8::{_random.Next(1, 0xffff):x}"),
            "duration" => string.Create(CultureInfo.InvariantCulture, $"PT{_random.Next(1, 59)}M"),
            _ => ByName(name),
        };

        var min = Int(schema, "minLength") ?? 0;
        var max = Int(schema, "maxLength");
        if (format is null)
        {
            while (text.Length < min)
            {
                text += " " + Pick(Words);
            }

            if (text.Length < min)
            {
                text = text.PadRight(min, 'x');
            }

            if (max is { } m && text.Length > m)
            {
                text = text[..m].TrimEnd();
                if (text.Length < min)
                {
                    text = text.PadRight(min, 'x');
                }
            }
        }

        return text;
    }

    private string ByName(string? name)
    {
        var key = (name ?? "").ToLowerInvariant();
        var first = Pick(FirstNames);
        var last = Pick(LastNames);
        return key switch
        {
            _ when key.Contains("email", StringComparison.Ordinal) => Email(),
            _ when key.Contains("phone", StringComparison.Ordinal) || key.Contains("mobile", StringComparison.Ordinal) => string.Create(CultureInfo.InvariantCulture, $"+1 555 01{_random.Next(10, 99)} {_random.Next(1000, 9999)}"),
            _ when key is "firstname" or "first_name" or "givenname" or "given_name" => first,
            _ when key is "lastname" or "last_name" or "surname" or "familyname" or "family_name" => last,
            _ when key.Contains("name", StringComparison.Ordinal) && (key.Contains("product", StringComparison.Ordinal) || key.Contains("item", StringComparison.Ordinal)) => $"{Capitalize(Pick(Words))} {Pick(Nouns)}",
            _ when key.Contains("name", StringComparison.Ordinal) || key is "author" or "customer" or "user" => $"{first} {last}",
            _ when key.Contains("city", StringComparison.Ordinal) => Pick(Cities),
            _ when key.Contains("country", StringComparison.Ordinal) => Pick(Countries),
            _ when key.Contains("street", StringComparison.Ordinal) || key.Contains("address", StringComparison.Ordinal) => string.Create(CultureInfo.InvariantCulture, $"{_random.Next(1, 200)} {last} Street"),
            _ when key.Contains("zip", StringComparison.Ordinal) || key.Contains("postal", StringComparison.Ordinal) => string.Create(CultureInfo.InvariantCulture, $"{_random.Next(10000, 99999)}"),
            _ when key == "id" || key.EndsWith("id", StringComparison.Ordinal) => string.Create(CultureInfo.InvariantCulture, $"{(key.Length > 2 ? key[..Math.Min(3, key.Length - 2)] : "id")}-{_random.Next(1000, 9999)}"),
            _ when key.Contains("currency", StringComparison.Ordinal) => "EUR",
            _ when key.Contains("url", StringComparison.Ordinal) || key.Contains("link", StringComparison.Ordinal) => $"https://example.com/{Pick(Nouns)}s/{_random.Next(100, 999)}",
            _ when key.Contains("date", StringComparison.Ordinal) => Date().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ when key.Contains("status", StringComparison.Ordinal) => "active",
            _ when key.Contains("title", StringComparison.Ordinal) || key.Contains("subject", StringComparison.Ordinal) => $"{Capitalize(Pick(Words))} {Pick(Nouns)}",
            _ when key.Contains("summary", StringComparison.Ordinal) || key.Contains("description", StringComparison.Ordinal) || key.Contains("text", StringComparison.Ordinal) || key.Contains("comment", StringComparison.Ordinal)
                => $"A {Pick(Words)} {Pick(Nouns)} that is {Pick(Words)} and {Pick(Words)}.",
            _ when key.Contains("sentiment", StringComparison.Ordinal) => "positive",
            _ when key.Contains("language", StringComparison.Ordinal) => "en",
            _ => Phrase(),
        };
    }

    private string Email() => $"{Pick(FirstNames).ToLowerInvariant()}.{Pick(LastNames).ToLowerInvariant()}@example.com";

    private DateTime Date() => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(_random.Next(0, 700));

    private string Uuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    private string Phrase() => $"{Pick(Words)} {Pick(Nouns)}";

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string? Singular(string? name) =>
        name is { Length: > 3 } && name.EndsWith('s') ? name[..^1] : name;

    private static int? Int(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? Math.Max(n, 0) : null;

    private static double? Double(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Workbench.Core.Providers;

/// <summary>The simulated model's brain: deterministic text or schema-conforming JSON, then the requested faults.</summary>
internal static partial class SimulatedResponder
{
    public const string SchemaPropertyName = "workbench.schema";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Openers = ["Here is a short answer.", "Thanks for the question.", "A brief reply follows."];
    private static readonly string[] Sentences =
    [
        "The request was read carefully and the main points are covered below.",
        "Each item is handled in turn, with the most important one first.",
        "Nothing in the input needs a follow-up at this stage.",
        "The result is consistent with the details that were provided.",
        "A second look confirms the same conclusion.",
        "This answer comes from the simulated provider, not a real model.",
    ];

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\+?\d[\d ().-]{7,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    public static SimulatedReply Compose(IEnumerable<ChatMessage> messages, ChatOptions? options, SimulationSettings settings)
    {
        var active = settings.ParseFaults().Where(f => f.AppliesTo(settings.Attempt)).Select(f => f.Kind).ToHashSet();
        var prompt = string.Join("\n", messages.Select(m => $"{m.Role.Value}: {m.Text}"));
        var random = new Random(unchecked((int)StableHash(prompt) ^ settings.Seed));
        var schema = SchemaOf(options);
        var pii = active.Contains(SimulatedFaultKind.EchoPii) ? FindPii(prompt) : null;

        string text;
        if (schema is { } s || options?.ResponseFormat is ChatResponseFormatJson)
        {
            var node = schema is { } schemaElement
                ? SchemaSampleGenerator.Generate(schemaElement, random)
                : new JsonObject { ["answer"] = Sentences[random.Next(Sentences.Length)] };
            ApplyStructuralFaults(node, schema, active, pii);
            text = node?.ToJsonString(Indented) ?? "null";
            if (active.Contains(SimulatedFaultKind.InvalidJson))
            {
                var quote = text.IndexOf('"', StringComparison.Ordinal);
                text = quote >= 0 ? text.Remove(quote, 1) : text + "}";
            }
        }
        else
        {
            var builder = new StringBuilder("(Simulated answer) ").Append(Openers[random.Next(Openers.Length)]);
            for (var i = 0; i < 3; i++)
            {
                builder.Append(' ').Append(Sentences[random.Next(Sentences.Length)]);
            }

            if (pii is not null)
            {
                builder.Append(" You can reach them at ").Append(pii).Append('.');
            }

            text = builder.ToString();
        }

        if (active.Contains(SimulatedFaultKind.Fenced))
        {
            text = "```json\n" + text + "\n```";
        }

        if (active.Contains(SimulatedFaultKind.ProseWrapped))
        {
            text = "Sure! Here is the result you asked for:\n\n" + text + "\n\nLet me know if you need anything else.";
        }

        var finish = "stop";
        if (active.Contains(SimulatedFaultKind.Truncated) && text.Length > 1)
        {
            text = text[..Math.Max(1, text.Length * 3 / 5)];
            finish = "length";
        }

        if (active.Contains(SimulatedFaultKind.Empty))
        {
            text = "";
        }

        var httpFault = active.Where(k => k is SimulatedFaultKind.Http429 or SimulatedFaultKind.Http500 or SimulatedFaultKind.Http503 or SimulatedFaultKind.Http529 or SimulatedFaultKind.Timeout)
            .Select(k => (SimulatedFaultKind?)k).FirstOrDefault();
        return new SimulatedReply(
            text,
            Chunk(text, random),
            finish,
            EstimateTokens(prompt),
            EstimateTokens(text),
            httpFault,
            active.Contains(SimulatedFaultKind.SlowFirstToken),
            active.Contains(SimulatedFaultKind.DropMidStream));
    }

    public static int HttpStatusOf(SimulatedFaultKind kind) => kind switch
    {
        SimulatedFaultKind.Http429 => 429,
        SimulatedFaultKind.Http500 => 500,
        SimulatedFaultKind.Http503 => 503,
        SimulatedFaultKind.Http529 => 529,
        _ => 408,
    };

    private static JsonElement? SchemaOf(ChatOptions? options)
    {
        if (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema })
        {
            return schema;
        }

        if (options?.AdditionalProperties?.TryGetValue(SchemaPropertyName, out var value) == true)
        {
            return value switch
            {
                JsonElement element => element,
                string json => JsonDocument.Parse(json).RootElement.Clone(),
                _ => null,
            };
        }

        return null;
    }

    private static void ApplyStructuralFaults(JsonNode? node, JsonElement? schema, HashSet<SimulatedFaultKind> active, string? pii)
    {
        if (node is not JsonObject root)
        {
            return;
        }

        if (active.Contains(SimulatedFaultKind.MissingRequired) && root.Count > 0)
        {
            var required = schema is { } s && s.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(e => e.GetString()).FirstOrDefault(n => n is not null && root.ContainsKey(n))
                : null;
            root.Remove(required ?? root.First().Key);
        }

        if (active.Contains(SimulatedFaultKind.WrongType) && root.Count > 0)
        {
            var (key, value) = root.First();
            root[key] = value?.GetValueKind() switch
            {
                JsonValueKind.String => JsonValue.Create(42),
                JsonValueKind.Number => JsonValue.Create("not a number"),
                JsonValueKind.True or JsonValueKind.False => JsonValue.Create("yes"),
                _ => JsonValue.Create("unexpected text"),
            };
        }

        if (active.Contains(SimulatedFaultKind.ExtraProperty))
        {
            root["unexpected_note"] = "This property is not in the schema.";
        }

        if (pii is not null)
        {
            var target = root.FirstOrDefault(p => p.Value?.GetValueKind() == JsonValueKind.String
                && (p.Key.Contains("email", StringComparison.OrdinalIgnoreCase) || p.Key.Contains("phone", StringComparison.OrdinalIgnoreCase))).Key
                ?? root.FirstOrDefault(p => p.Value?.GetValueKind() == JsonValueKind.String).Key;
            if (target is not null)
            {
                root[target] = pii;
            }
            else
            {
                root["contact"] = pii;
            }
        }
    }

    private static string? FindPii(string prompt) =>
        EmailPattern().Match(prompt) is { Success: true } email ? email.Value
        : PhonePattern().Match(prompt) is { Success: true } phone ? phone.Value
        : null;

    private static List<string> Chunk(string text, Random random)
    {
        var chunks = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var size = Math.Min(random.Next(3, 11), text.Length - i);
            if (char.IsHighSurrogate(text[i + size - 1]) && i + size < text.Length)
            {
                size++;
            }

            chunks.Add(text.Substring(i, size));
            i += size;
        }

        return chunks;
    }

    internal static int EstimateTokens(string text) => text.Length == 0 ? 0 : Math.Max(1, (text.Length + 3) / 4);

    /// <summary>FNV-1a: stable across processes (string.GetHashCode is randomized).</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}

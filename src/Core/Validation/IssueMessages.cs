using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Workbench.Core.Validation;

/// <summary>Turns JsonSchema.Net's list output into issues a person understands, with JSON Pointers into the output.</summary>
internal static class IssueMessages
{
    private const int MaxShown = 60;

    public static List<ValidationIssue> FromResults(EvaluationResults results, JsonNode? instance, JsonNode schemaNode, Uri baseUri)
    {
        var issues = new List<ValidationIssue>();
        Collect(results, instance, schemaNode, baseUri, issues);
        foreach (var detail in results.Details)
        {
            Collect(detail, instance, schemaNode, baseUri, issues);
        }

        if (issues.Count == 0 && !results.IsValid)
        {
            issues.Add(new ValidationIssue("", "schema", $"{Capitalize(Describe(instance))} does not match the schema"));
        }

        return issues;
    }

    private static void Collect(EvaluationResults r, JsonNode? instance, JsonNode schemaNode, Uri baseUri, List<ValidationIssue> issues)
    {
        if (!r.HasErrors || r.Errors is null)
        {
            // "not" fails without an error message of its own.
            var segments = JsonPointers.Split(r.EvaluationPath.ToString());
            if (!r.IsValid && segments.Length > 0 && segments[^1] == "not")
            {
                var at = r.InstanceLocation.ToString();
                JsonPointers.TryResolve(instance, at, out var matched);
                issues.Add(new ValidationIssue(at, "not", $"{Capitalize(Describe(matched))} matches a schema it must not match (not)"));
            }

            return;
        }

        var path = r.InstanceLocation.ToString();
        JsonPointers.TryResolve(instance, path, out var value);
        var subschema = FindSubschema(schemaNode, baseUri, r.SchemaLocation);
        var evaluationPath = r.EvaluationPath.ToString();
        foreach (var (keyword, libraryMessage) in r.Errors)
        {
            if (keyword.Length == 0)
            {
                issues.Add(FalseSchema(path, evaluationPath));
                continue;
            }

            if (keyword == "required")
            {
                var missing = MissingRequired(subschema, value);
                if (missing.Count > 0)
                {
                    foreach (var name in missing)
                    {
                        issues.Add(new ValidationIssue(path, "required", $"missing required property {JsonPointers.Quote(name)}"));
                    }

                    continue;
                }
            }

            var keywordValue = subschema is JsonObject o && o.TryGetPropertyValue(keyword, out var kv) ? kv : null;
            issues.Add(new ValidationIssue(path, keyword, Message(keyword, keywordValue, value, libraryMessage)));
        }
    }

    private static ValidationIssue FalseSchema(string path, string evaluationPath)
    {
        var segments = JsonPointers.Split(evaluationPath);
        var parent = segments.Length > 0 ? segments[^1] : "";
        var grand = segments.Length > 1 ? segments[^2] : "";
        var instanceSegments = JsonPointers.Split(path);
        var last = instanceSegments.Length > 0 ? instanceSegments[^1] : "";
        return parent switch
        {
            "additionalProperties" or "unevaluatedProperties" =>
                new ValidationIssue(path, parent, $"property {JsonPointers.Quote(last)} is not allowed"),
            "items" or "additionalItems" or "unevaluatedItems" or "prefixItems" =>
                new ValidationIssue(path, parent, $"item {last} is not allowed: the array has more items than the schema allows"),
            _ when grand is "items" or "prefixItems" =>
                new ValidationIssue(path, grand, $"item {last} is not allowed: the array has more items than the schema allows"),
            _ when grand is "properties" or "patternProperties" =>
                new ValidationIssue(path, grand, $"property {JsonPointers.Quote(last)} is not allowed"),
            _ => new ValidationIssue(path, "false", "no value is allowed here (the schema is false)"),
        };
    }

    private static JsonNode? FindSubschema(JsonNode schemaNode, Uri baseUri, Uri schemaLocation)
    {
        if (!Uri.Compare(schemaLocation, baseUri, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.Ordinal).Equals(0))
        {
            return null;
        }

        var pointer = JsonPointers.FromFragment(schemaLocation.Fragment);
        return JsonPointers.TryResolve(schemaNode, pointer, out var node) ? node : null;
    }

    private static List<string> MissingRequired(JsonNode? subschema, JsonNode? value)
    {
        var missing = new List<string>();
        if (subschema is JsonObject s && s["required"] is JsonArray required && value is JsonObject obj)
        {
            foreach (var item in required)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var name) && !obj.ContainsKey(name))
                {
                    missing.Add(name);
                }
            }
        }

        return missing;
    }

    private static string Message(string keyword, JsonNode? keywordValue, JsonNode? value, string libraryMessage)
    {
        var got = Describe(value);
        switch (keyword)
        {
            case "type" when keywordValue is not null:
                return $"expected {ExpectedTypes(keywordValue)}, got {got}";
            case "enum" when keywordValue is JsonArray options:
                return $"expected one of {List(options)}, got {got}";
            case "const" when keywordValue is not null || value is not null:
                return $"expected {Show(keywordValue)}, got {got}";
            case "minimum":
                return $"expected a number greater than or equal to {Show(keywordValue)}, got {got}";
            case "maximum":
                return $"expected a number less than or equal to {Show(keywordValue)}, got {got}";
            case "exclusiveMinimum":
                return $"expected a number greater than {Show(keywordValue)}, got {got}";
            case "exclusiveMaximum":
                return $"expected a number less than {Show(keywordValue)}, got {got}";
            case "multipleOf":
                return $"expected a multiple of {Show(keywordValue)}, got {got}";
            case "minLength":
                return $"expected a string of at least {Show(keywordValue)} characters, got {got} ({Length(value)} characters)";
            case "maxLength":
                return $"expected a string of at most {Show(keywordValue)} characters, got {got} ({Length(value)} characters)";
            case "pattern":
                return $"{Capitalize(got)} does not match the pattern {Show(keywordValue)}";
            case "minItems":
                return $"expected at least {Show(keywordValue)} items, got {Count(value)}";
            case "maxItems":
                return $"expected at most {Show(keywordValue)} items, got {Count(value)}";
            case "minProperties":
                return $"expected at least {Show(keywordValue)} properties, got {Count(value)}";
            case "maxProperties":
                return $"expected at most {Show(keywordValue)} properties, got {Count(value)}";
            case "uniqueItems":
                return "expected unique items, but some items are equal";
            case "anyOf":
                return $"{Capitalize(got)} matches none of the alternatives (anyOf)";
            case "oneOf":
                var found = LastNumber(libraryMessage);
                return found is > 1
                    ? $"{Capitalize(got)} matches {found} alternatives, but must match exactly one (oneOf)"
                    : $"{Capitalize(got)} matches none of the alternatives, but must match exactly one (oneOf)";
            case "not":
                return $"{Capitalize(got)} matches a schema it must not match (not)";
            default:
                return libraryMessage.Length > 0 ? char.ToLowerInvariant(libraryMessage[0]) + libraryMessage[1..] : keyword;
        }
    }

    private static string ExpectedTypes(JsonNode keywordValue)
    {
        var names = keywordValue is JsonArray a
            ? a.Select(t => t?.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "").Where(t => t.Length > 0).ToList()
            : keywordValue.GetValueKind() == JsonValueKind.String ? [keywordValue.GetValue<string>()] : [];
        return names.Count == 0 ? "another type" : string.Join(" or ", names.Select(Article));
    }

    private static string Article(string type) => type switch
    {
        "number" => "a number",
        "integer" => "an integer",
        "string" => "a string",
        "object" => "an object",
        "array" => "an array",
        "boolean" => "a boolean",
        "null" => "null",
        _ => type,
    };

    /// <summary>A value described for a person: <c>the string "12 EUR"</c>, <c>the number 3</c>, <c>an object</c>.</summary>
    public static string Describe(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "the string " + Shorten(JsonPointers.Quote(value.GetValue<string>())),
        JsonValueKind.Number => "the number " + Shorten(value.ToJsonString()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object => $"an object with {value.AsObject().Count} properties",
        JsonValueKind.Array => $"an array of {value.AsArray().Count} items",
        _ => "a value",
    };

    private static string Show(JsonNode? node) => node is null ? "null" : Shorten(node.ToJsonString());

    private static string List(JsonArray options)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < options.Count && i < 10; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(Show(options[i]));
        }

        if (options.Count > 10)
        {
            sb.Append(CultureInfo.InvariantCulture, $", ... ({options.Count} values)");
        }

        return sb.ToString();
    }

    private static string Shorten(string s) => s.Length <= MaxShown ? s : s[..(MaxShown - 3)] + "...";

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static int Length(JsonNode? value) =>
        value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().EnumerateRunes().Count() : 0;

    private static int Count(JsonNode? value) => value switch
    {
        JsonArray a => a.Count,
        JsonObject o => o.Count,
        _ => 0,
    };

    private static int? LastNumber(string s)
    {
        var end = s.Length;
        while (end > 0 && !char.IsAsciiDigit(s[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsAsciiDigit(s[start - 1]))
        {
            start--;
        }

        return start < end && int.TryParse(s.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}

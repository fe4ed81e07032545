using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Workbench.Core.Validation;

/// <summary>
/// Turns a meta-schema evaluation (hierarchical output) into the errors a person needs. The meta-schemas are full of
/// <c>anyOf</c> alternatives (a <c>type</c> is a name or an array of names ...), and the library reports every branch that
/// failed, even where another branch succeeded. Rules: only failing nodes are followed (a branch that succeeded hides its
/// siblings' errors); of the failing alternatives of an <c>anyOf</c>/<c>oneOf</c> the ones whose errors are deepest win,
/// and among those a branch that only complains about the value's type loses to one that accepted the type; finally an
/// error is dropped when a more specific one exists below its location.
/// </summary>
internal static class MetaSchemaErrors
{
    /// <summary>The most errors reported for one schema.</summary>
    public const int MaxErrors = 20;

    private const string TypeNames = "string, number, integer, boolean, object, array, null";

    public static List<SchemaError> From(EvaluationResults results, string schemaJson, JsonNode node)
    {
        var found = new List<Found>();
        Collect(results, found);

        var locations = found.Select(f => f.Location).Distinct(StringComparer.Ordinal).ToList();
        var leaves = locations
            .Where(l => !locations.Any(other => other.Length > l.Length && other.StartsWith(l.Length == 0 ? "/" : l + "/", StringComparison.Ordinal)))
            .Order(Comparer<string>.Create(JsonPointers.Compare))
            .Take(MaxErrors);

        var errors = new List<SchemaError>();
        foreach (var location in leaves)
        {
            var here = found.Where(f => string.Equals(f.Location, location, StringComparison.Ordinal)).ToList();
            JsonPointers.TryResolve(node, location, out var value);
            var (line, column) = JsonPointerLocator.Locate(schemaJson, location);
            var where = location.Length == 0 ? "" : location + ": ";
            errors.Add(new SchemaError(line, column, location, where + Phrase(location, here, value)));
        }

        if (errors.Count == 0)
        {
            errors.Add(new SchemaError(0, 0, "", "the schema does not match its meta-schema"));
        }

        return errors;
    }

    private static void Collect(EvaluationResults r, List<Found> found)
    {
        if (r.IsValid)
        {
            return;
        }

        if (r.Errors is not null)
        {
            var location = r.InstanceLocation.ToString();
            foreach (var (keyword, message) in r.Errors)
            {
                found.Add(new Found(location, keyword, message));
            }
        }

        var alternatives = new Dictionary<string, List<List<Found>>>(StringComparer.Ordinal);
        foreach (var child in r.Details)
        {
            if (child.IsValid)
            {
                continue;
            }

            var segments = JsonPointers.Split(child.EvaluationPath.ToString());
            var parent = segments.Length > 1 ? segments[^2] : "";
            var last = segments.Length > 0 ? segments[^1] : "";
            if (last is "if" or "not")
            {
                continue; // a failing "if" is no error, and "not" inverts its subschema's result
            }

            if (parent is "anyOf" or "oneOf")
            {
                var branch = new List<Found>();
                Collect(child, branch);
                var key = string.Join('/', segments[..^1]);
                if (!alternatives.TryGetValue(key, out var branches))
                {
                    alternatives[key] = branches = [];
                }

                branches.Add(branch);
                continue;
            }

            Collect(child, found);
        }

        foreach (var branches in alternatives.Values)
        {
            found.AddRange(Choose(branches));
        }
    }

    private static IEnumerable<Found> Choose(List<List<Found>> branches)
    {
        var nonEmpty = branches.Where(b => b.Count > 0).ToList();
        if (nonEmpty.Count == 0)
        {
            return [];
        }

        var deepest = nonEmpty.Max(Depth);
        var best = nonEmpty.Where(b => Depth(b) == deepest).ToList();
        var acceptedType = best.Where(b => b.Any(f => f.Keyword != "type")).ToList();
        return (acceptedType.Count > 0 && acceptedType.Count < best.Count ? acceptedType : best).SelectMany(b => b);
    }

    private static int Depth(List<Found> branch) => branch.Max(f => JsonPointers.Split(f.Location).Length);

    private static string Phrase(string location, List<Found> here, JsonNode? value)
    {
        var segments = JsonPointers.Split(location);
        var last = segments.Length > 0 ? segments[^1] : "";
        var parent = segments.Length > 1 ? segments[^2] : "";
        var got = IssueMessages.Describe(value);

        // "type": a name or an array of names; the enum of names failed.
        if (here.Any(f => f.Keyword == "enum") && (last == "type" || parent == "type"))
        {
            return value?.GetValueKind() == JsonValueKind.String
                ? $"{JsonPointers.Quote(value.GetValue<string>())} is not a JSON Schema type ({TypeNames})"
                : $"expected a JSON Schema type name ({TypeNames}) or an array of them, got {got}";
        }

        var messages = new List<string>();
        foreach (var f in here)
        {
            var message = f.Keyword switch
            {
                "type" => $"expected {Expected(last, parent, f.Message)}, got {got}",
                "minimum" => $"expected a non-negative integer, got {got}",
                "exclusiveMinimum" => $"expected a number greater than 0, got {got}",
                "uniqueItems" => "expected unique items, but some items are equal",
                "minItems" => $"expected at least one item, got {got}",
                "enum" => $"{got} is not one of the allowed values",
                "" => $"{got} is not allowed here",
                _ => f.Message.Length > 0 ? $"{f.Keyword}: {char.ToLowerInvariant(f.Message[0])}{f.Message[1..]}" : f.Keyword,
            };
            if (!messages.Contains(message, StringComparer.Ordinal))
            {
                messages.Add(message);
            }
        }

        return string.Join("; ", messages);
    }

    /// <summary>What the meta-schema expected, from the library message (<c>Value is "string" but should be "array"</c>).</summary>
    private static string Expected(string last, string parent, string libraryMessage)
    {
        var at = libraryMessage.LastIndexOf("should be", StringComparison.Ordinal);
        var names = at < 0
            ? []
            : libraryMessage[(at + "should be".Length)..]
                .Split([',', ' ', '"', '[', ']', '|'], StringSplitOptions.RemoveEmptyEntries)
                .Where(n => n is "string" or "number" or "integer" or "boolean" or "object" or "array" or "null")
                .Distinct(StringComparer.Ordinal)
                .ToList();
        if (names.Count == 2 && names.Contains("object") && names.Contains("boolean"))
        {
            return "a schema (an object, or true/false)";
        }

        var expected = names.Count == 0 ? "another type" : string.Join(" or ", names.Select(Article));
        return (last, parent, expected) switch
        {
            ("required", _, "an array") => "an array of property names",
            (_, "required", "a string") => "a property name (a string)",
            ("properties" or "patternProperties" or "$defs" or "definitions" or "dependentSchemas", _, "an object") =>
                "an object mapping names to schemas",
            _ => expected,
        };
    }

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "object" => "an object",
        "array" => "an array",
        "null" => "null",
        _ => "a " + type,
    };

    private sealed record Found(string Location, string Keyword, string Message);
}

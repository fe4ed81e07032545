using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workbench.Core.Validation;

/// <summary>
/// Bounds the time spent in the schema's regular expressions. JsonSchema.Net 7.4.0 builds <c>pattern</c> and
/// <c>patternProperties</c> regexes itself with a fixed 5 s timeout and no way to change it, so before the library runs,
/// every pattern is matched here (same engine and options: ECMAScript, backtracking) against every distinct string
/// (for <c>pattern</c>) or property name (for <c>patternProperties</c>) of the output, with a per-match timeout and a
/// total budget. Only when all of those matches finish in time does the library repeat them, so a catastrophic pattern
/// yields a "limit" issue instead of a thread stuck for seconds.
/// </summary>
internal sealed class PatternGuard
{
    private readonly List<(string Source, Regex Regex)> _valuePatterns;
    private readonly List<(string Source, Regex Regex)> _namePatterns;

    private PatternGuard(List<(string, Regex)> valuePatterns, List<(string, Regex)> namePatterns)
    {
        _valuePatterns = valuePatterns;
        _namePatterns = namePatterns;
    }

    /// <summary>Collects the patterns of a schema; null when it has none.</summary>
    public static PatternGuard? Create(JsonNode schema, TimeSpan matchTimeout)
    {
        var values = new List<(string, Regex)>();
        var names = new List<(string, Regex)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<JsonNode?>();
        stack.Push(schema);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        if (key == "pattern" && child?.GetValueKind() == JsonValueKind.String)
                        {
                            Add(values, child.GetValue<string>(), matchTimeout, seen, "v");
                        }
                        else if (key == "patternProperties" && child is JsonObject patterns)
                        {
                            foreach (var (pattern, _) in patterns)
                            {
                                Add(names, pattern, matchTimeout, seen, "n");
                            }
                        }

                        stack.Push(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        stack.Push(child);
                    }

                    break;
            }
        }

        return values.Count == 0 && names.Count == 0 ? null : new PatternGuard(values, names);
    }

    private static void Add(List<(string, Regex)> list, string pattern, TimeSpan timeout, HashSet<string> seen, string kind)
    {
        if (!seen.Add(kind + pattern))
        {
            return;
        }

        try
        {
            list.Add((pattern, new Regex(pattern, RegexOptions.ECMAScript, timeout)));
        }
        catch (ArgumentException)
        {
            // Not a valid pattern (or not one at all, e.g. a "pattern" property inside "const"): the library reports real ones.
        }
    }

    /// <summary>Returns an issue when matching takes too long; null when the library may safely evaluate.</summary>
    public ValidationIssue? Check(JsonNode? instance, ValidationLimits limits)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new Stack<(JsonNode? Node, string Path)>();
        stack.Push((instance, ""));
        while (stack.Count > 0)
        {
            var (node, path) = stack.Pop();
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        var childPath = JsonPointers.Append(path, key);
                        if (_namePatterns.Count > 0)
                        {
                            names.TryAdd(key, childPath);
                        }

                        stack.Push((child, childPath));
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        stack.Push((array[i], JsonPointers.Append(path, i)));
                    }

                    break;
                case JsonValue value when _valuePatterns.Count > 0 && value.GetValueKind() == JsonValueKind.String:
                    values.TryAdd(value.GetValue<string>(), path);
                    break;
            }
        }

        var started = Stopwatch.GetTimestamp();
        return Run(_valuePatterns, values, "pattern", started, limits) ?? Run(_namePatterns, names, "patternProperties", started, limits);
    }

    private static ValidationIssue? Run(List<(string Source, Regex Regex)> patterns, Dictionary<string, string> inputs, string kind, long started, ValidationLimits limits)
    {
        foreach (var (source, regex) in patterns)
        {
            foreach (var (input, path) in inputs)
            {
                try
                {
                    regex.IsMatch(input);
                }
                catch (RegexMatchTimeoutException)
                {
                    return TooSlow(path, kind, source, $"one match took longer than {Ms(limits.RegexMatchTimeout)} ms");
                }

                if (Stopwatch.GetElapsedTime(started) > limits.RegexBudget)
                {
                    return TooSlow(path, kind, source, $"matching took longer than {Ms(limits.RegexBudget)} ms in total");
                }
            }
        }

        return null;
    }

    private static ValidationIssue TooSlow(string path, string kind, string pattern, string what) =>
        new(path, "limit",
            $"the regular expression {JsonPointers.Quote(pattern)} ({kind}) is too slow on this value: {what}; validation stopped (simplify the pattern, e.g. avoid nested quantifiers such as (a+)+)");

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}

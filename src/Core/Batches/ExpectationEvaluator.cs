using System.Globalization;
using System.Text.Json;
using Workbench.Core.Runs;

namespace Workbench.Core.Batches;

/// <summary>
/// Checks a finished run against its test case's expectation, on the unredacted result in memory (before it is stored).
/// Cancelled and interrupted runs are not evaluated (null): they say nothing about the prompt. A failed run fails
/// every expectation.
/// </summary>
public static class ExpectationEvaluator
{
    private const int MaxQuoted = 80;

    public static ExpectationResult? Evaluate(TestCaseExpectation? expectation, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var expect = expectation ?? TestCaseExpectation.SchemaValid;
        if (result.Status is RunStatus.Cancelled or RunStatus.Interrupted or RunStatus.Queued or RunStatus.Running)
        {
            return null;
        }

        if (result.Status == RunStatus.Failed)
        {
            return new(expect.Kind, false, "The run failed before it produced an answer to check.");
        }

        return expect.Kind switch
        {
            ExpectationKind.EqualsJson => EqualsJson(expect.Value ?? "null", result.Json),
            ExpectationKind.ContainsText => ContainsText(expect.Value ?? "", result.Output),
            _ => result.Status is RunStatus.Valid or RunStatus.Repaired
                ? new(ExpectationKind.SchemaValid, true, result.Status == RunStatus.Valid ? "Valid on the first attempt." : "Valid after repair.")
                : new(ExpectationKind.SchemaValid, false, "The output did not conform to the schema within the attempts."),
        };
    }

    /// <summary>
    /// The first difference between <paramref name="expected"/> and <paramref name="actual"/> as "/path: expected X, got Y",
    /// or null when they are structurally equal (object key order, whitespace and number spelling such as 1 vs 1.0 do not matter).
    /// </summary>
    public static string? FirstDifference(JsonElement expected, JsonElement actual) => Compare(expected, actual, "");

    private static ExpectationResult EqualsJson(string expectedJson, string? actualJson)
    {
        if (actualJson is null)
        {
            return new(ExpectationKind.EqualsJson, false, "The output contains no JSON to compare.");
        }

        try
        {
            using var expected = JsonDocument.Parse(expectedJson);
            using var actual = JsonDocument.Parse(actualJson);
            var difference = FirstDifference(expected.RootElement, actual.RootElement);
            return difference is null
                ? new(ExpectationKind.EqualsJson, true, "The JSON equals the expected value.")
                : new(ExpectationKind.EqualsJson, false, difference);
        }
        catch (JsonException)
        {
            return new(ExpectationKind.EqualsJson, false, "The expected value is not valid JSON.");
        }
    }

    private static ExpectationResult ContainsText(string text, string? output) =>
        output is not null && output.Contains(text, StringComparison.Ordinal)
            ? new(ExpectationKind.ContainsText, true, $"The output contains \"{Quote(text)}\".")
            : new(ExpectationKind.ContainsText, false, $"The output does not contain \"{Quote(text)}\".");

    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        var where = path.Length == 0 ? "(root)" : path;
        if (Kind(expected) != Kind(actual))
        {
            return $"{where}: expected {Describe(expected)}, got {Describe(actual)}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualProperties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in actual.EnumerateObject())
                {
                    actualProperties[property.Name] = property.Value;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in expected.EnumerateObject())
                {
                    seen.Add(property.Name);
                    var childPath = path + "/" + Escape(property.Name);
                    if (!actualProperties.TryGetValue(property.Name, out var value))
                    {
                        return $"{childPath}: missing (expected {Describe(property.Value)})";
                    }

                    if (Compare(property.Value, value, childPath) is { } difference)
                    {
                        return difference;
                    }
                }

                var extra = actualProperties.Keys.FirstOrDefault(k => !seen.Contains(k));
                return extra is null ? null : $"{path}/{Escape(extra)}: not expected (got {Describe(actualProperties[extra])})";
            case JsonValueKind.Array:
                var expectedLength = expected.GetArrayLength();
                var actualLength = actual.GetArrayLength();
                for (var i = 0; i < Math.Min(expectedLength, actualLength); i++)
                {
                    if (Compare(expected[i], actual[i], path + "/" + i.ToString(CultureInfo.InvariantCulture)) is { } difference)
                    {
                        return difference;
                    }
                }

                return expectedLength == actualLength
                    ? null
                    : string.Create(CultureInfo.InvariantCulture, $"{where}: expected {expectedLength} items, got {actualLength}");
            case JsonValueKind.Number:
                return NumbersEqual(expected, actual) ? null : $"{where}: expected {Describe(expected)}, got {Describe(actual)}";
            case JsonValueKind.String:
                return string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal) ? null : $"{where}: expected {Describe(expected)}, got {Describe(actual)}";
            default:
                return expected.ValueKind == actual.ValueKind ? null : $"{where}: expected {Describe(expected)}, got {Describe(actual)}";
        }
    }

    private static bool NumbersEqual(JsonElement expected, JsonElement actual)
    {
        if (expected.TryGetDecimal(out var a) && actual.TryGetDecimal(out var b))
        {
            return a == b;
        }

        return expected.TryGetDouble(out var x) && actual.TryGetDouble(out var y) && x.Equals(y);
    }

    private static JsonValueKind Kind(JsonElement element) => element.ValueKind == JsonValueKind.False ? JsonValueKind.True : element.ValueKind;

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "\"" + Quote(element.GetString() ?? "") + "\"",
        _ => Quote(element.GetRawText()),
    };

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Quote(string text) => text.Length <= MaxQuoted ? text : text[..MaxQuoted] + "…";
}

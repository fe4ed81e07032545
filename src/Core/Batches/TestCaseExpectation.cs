using System.Diagnostics.CodeAnalysis;

namespace Workbench.Core.Batches;

/// <summary>
/// A test case's expectation: <see cref="ExpectationKind.SchemaValid"/> needs no value; <see cref="ExpectationKind.EqualsJson"/>
/// has a JSON text as <see cref="Value"/>; <see cref="ExpectationKind.ContainsText"/> the text to find.
/// </summary>
public sealed record TestCaseExpectation(ExpectationKind Kind, string? Value = null)
{
    public static TestCaseExpectation SchemaValid { get; } = new(ExpectationKind.SchemaValid);

    public static TestCaseExpectation EqualsJson(string json) => new(ExpectationKind.EqualsJson, json);

    public static TestCaseExpectation ContainsText(string text) => new(ExpectationKind.ContainsText, text);

    /// <summary>The names used in files and the API.</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["schema-valid", "equals-json", "contains-text"];

    public static string NameOf(ExpectationKind kind) => kind switch
    {
        ExpectationKind.EqualsJson => "equals-json",
        ExpectationKind.ContainsText => "contains-text",
        _ => "schema-valid",
    };

    /// <summary>Reads a kind name (case-insensitive; <c>_</c> for <c>-</c> is accepted).</summary>
    public static bool TryParseKind(string? name, [NotNullWhen(true)] out ExpectationKind? kind)
    {
        kind = name?.Trim().Replace('_', '-').ToLowerInvariant() switch
        {
            "schema-valid" => ExpectationKind.SchemaValid,
            "equals-json" => ExpectationKind.EqualsJson,
            "contains-text" => ExpectationKind.ContainsText,
            _ => null,
        };
        return kind is not null;
    }
}

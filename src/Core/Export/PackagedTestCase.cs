namespace Workbench.Core.Export;

/// <summary>
/// A test case as it travels in a bundle: its test set, variable values and expectation
/// (<c>schema-valid</c>, <c>equals-json</c> with a JSON value, <c>contains-text</c> with a text).
/// </summary>
public sealed record PackagedTestCase(string Set, IReadOnlyDictionary<string, string?> Variables, string Expect = PackagedTestCase.SchemaValid, string? ExpectValue = null)
{
    public const string SchemaValid = "schema-valid";
    public const string EqualsJson = "equals-json";
    public const string ContainsText = "contains-text";

    public static IReadOnlyList<string> ExpectationKinds { get; } = [SchemaValid, EqualsJson, ContainsText];
}

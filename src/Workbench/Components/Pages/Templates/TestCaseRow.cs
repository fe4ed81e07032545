using Workbench.Core.Batches;

namespace Workbench.Components.Pages.Templates;

/// <summary>One editable row of the test cases table (form state): values per variable and the expectation.</summary>
public sealed class TestCaseRow
{
    public int Key { get; init; }

    public Dictionary<string, string?> Values { get; init; } = new(StringComparer.Ordinal);

    public ExpectationKind Kind { get; set; }

    public string ExpectValue { get; set; } = "";

    public TestCaseRow Copy(int key) => new() { Key = key, Values = new(Values, StringComparer.Ordinal), Kind = Kind, ExpectValue = ExpectValue };
}

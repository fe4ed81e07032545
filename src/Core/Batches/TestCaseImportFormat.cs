namespace Workbench.Core.Batches;

/// <summary>The file formats test cases are imported from.</summary>
public enum TestCaseImportFormat
{
    /// <summary>RFC 4180 CSV: a header row of variable names, one case per record.</summary>
    Csv,

    /// <summary>JSON Lines: one JSON object per line, <c>{"variables": {...}, "expect": ...}</c> or a flat object of values.</summary>
    Jsonl,
}

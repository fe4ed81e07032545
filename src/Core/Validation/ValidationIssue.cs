namespace Workbench.Core.Validation;

/// <summary>
/// One problem found while validating an output.
/// <paramref name="Path"/> is a JSON Pointer into the output ("" = the root value);
/// <paramref name="Kind"/> is the schema keyword that failed (type, required, enum, ...) or one of
/// "extraction", "schema" and "limit"; <paramref name="Message"/> is meant for a person.
/// </summary>
public sealed record ValidationIssue(string Path, string Kind, string Message)
{
    /// <summary>The issue as a person reads it: <c>/items/2/price: expected a number, got the string "12 EUR"</c>.</summary>
    public override string ToString() => Path.Length == 0 ? $"(root): {Message}" : $"{Path}: {Message}";
}

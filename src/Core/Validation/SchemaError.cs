namespace Workbench.Core.Validation;

/// <summary>
/// A problem with a schema. <paramref name="Line"/> and <paramref name="Column"/> are 1-based positions in the schema
/// text (0 when unknown); <paramref name="Path"/> is a JSON Pointer into the schema ("" = root).
/// </summary>
public sealed record SchemaError(int Line, int Column, string Path, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"line {Line}, column {Column}: {Message}" : Path.Length == 0 ? Message : $"{Path}: {Message}";
}

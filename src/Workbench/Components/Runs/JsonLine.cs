namespace Workbench.Components.Runs;

/// <summary>
/// One line of pretty-printed JSON: indentation, the property name (JSON-encoded, or null), the text (a value or a
/// bracket), its kind (<c>string</c>, <c>number</c>, <c>literal</c>, <c>open</c>, <c>close</c>), the JSON Pointer of
/// the value it belongs to, and whether a comma follows.
/// </summary>
public sealed record JsonLine(int Indent, string? Key, string Text, string Kind, string Path, bool Comma);

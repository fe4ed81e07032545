namespace Workbench.Core.Schemas;

/// <summary>
/// One property in the outline of a schema. <see cref="Name"/> is the property name (<c>[]</c> for array items),
/// <see cref="Type"/> a short description (<c>string</c>, <c>integer | null</c>, <c>array of object</c>, <c>enum</c>, <c>→ Address</c>),
/// <see cref="Line"/> the 1-based line of its definition in the schema text (0 when unknown).
/// </summary>
public sealed record SchemaOutlineNode(string Name, string Type, bool Required, string? Description, int Line, IReadOnlyList<SchemaOutlineNode> Children);

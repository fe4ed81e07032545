namespace Workbench.Core.Templates;

/// <summary>
/// Pins the exact output schema version a template version was written against.
/// Schemas arrive with the output-schema feature; the slot exists so versions saved now keep their shape.
/// </summary>
public sealed record OutputSchemaLink(Guid SchemaId, int VersionNumber);

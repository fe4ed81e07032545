namespace Workbench.Core.Persistence;

/// <summary>
/// Unsaved schema-editor state, one per schema and user; <see cref="SchemaId"/> is null for the user's draft of a new,
/// never-saved schema (one per user). The content (schema text, and name and description of a new schema) is redacted on
/// its way in exactly like <see cref="TemplateDraftEntity"/> (ADR-021).
/// </summary>
public sealed class SchemaDraftEntity : IDraftEntity
{
    public Guid Id { get; set; }
    public Guid? SchemaId { get; set; }
    public required string UserName { get; set; }
    public int BaseVersionNumber { get; set; }
    [Redact(IsJson = true)]
    public required string ContentJson { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

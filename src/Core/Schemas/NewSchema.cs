namespace Workbench.Core.Schemas;

/// <summary>
/// What is needed to create a schema: its first version is <see cref="SchemaJson"/>. <see cref="FromDraft"/>: created from the
/// new-schema editor, so the user's new-schema draft is removed in the same transaction.
/// </summary>
public sealed record NewSchema(string Name, string? Description, string SchemaJson, string? CommitMessage = null, bool FromDraft = false);

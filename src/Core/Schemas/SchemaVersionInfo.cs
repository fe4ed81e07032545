namespace Workbench.Core.Schemas;

/// <summary>One immutable version of a schema: <see cref="SchemaJson"/> is the text exactly as saved.</summary>
public sealed record SchemaVersionInfo(
    Guid SchemaId,
    int Number,
    int? BaseVersionNumber,
    string CommitMessage,
    string Author,
    DateTime CreatedAtUtc,
    string SchemaJson);

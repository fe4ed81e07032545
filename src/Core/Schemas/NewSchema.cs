namespace Workbench.Core.Schemas;

/// <summary>What is needed to create a schema: its first version is <see cref="SchemaJson"/>.</summary>
public sealed record NewSchema(string Name, string? Description, string SchemaJson, string? CommitMessage = null);

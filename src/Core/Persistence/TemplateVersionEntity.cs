namespace Workbench.Core.Persistence;

/// <summary>An immutable saved version. <see cref="ImmutableEntityInterceptor"/> and a database trigger refuse updates.</summary>
public sealed class TemplateVersionEntity
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public int Number { get; set; }
    /// <summary>The version this one was edited from (null for v1); restores record the version they copied.</summary>
    public int? BaseVersionNumber { get; set; }
    public required string ContentJson { get; set; }
    public string CommitMessage { get; set; } = "";
    public required string Author { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public Guid? OutputSchemaId { get; set; }
    public int? OutputSchemaVersionNumber { get; set; }
}

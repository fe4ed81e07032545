namespace Workbench.Core.Persistence;

/// <summary>An immutable saved schema version. <see cref="ImmutableEntityInterceptor"/> and a database trigger refuse updates.</summary>
public sealed class SchemaVersionEntity
{
    public Guid Id { get; set; }
    public Guid SchemaId { get; set; }
    public int Number { get; set; }
    /// <summary>The version this one was edited from (null for v1).</summary>
    public int? BaseVersionNumber { get; set; }
    /// <summary>The JSON Schema text exactly as the author wrote it (it was valid when saved).</summary>
    public required string SchemaJson { get; set; }
    public string CommitMessage { get; set; } = "";
    public required string Author { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

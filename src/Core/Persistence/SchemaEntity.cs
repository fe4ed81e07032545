namespace Workbench.Core.Persistence;

/// <summary>An output schema: a name, a description and immutable versions of the JSON Schema text.</summary>
public sealed class SchemaEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Upper-case invariant, trimmed form of <see cref="Name"/>: unique, so names differing only in case collide.</summary>
    public required string NormalizedName { get; set; }
    public string Description { get; set; } = "";
    public int LatestVersionNumber { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public List<SchemaVersionEntity> Versions { get; set; } = [];
    public List<SchemaLabelEntity> Labels { get; set; } = [];
}

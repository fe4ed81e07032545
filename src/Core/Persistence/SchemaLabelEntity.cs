namespace Workbench.Core.Persistence;

/// <summary>A movable pointer (production, staging, ...) to one version of a schema.</summary>
public sealed class SchemaLabelEntity
{
    public Guid Id { get; set; }
    public Guid SchemaId { get; set; }
    public required string Name { get; set; }
    public int VersionNumber { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

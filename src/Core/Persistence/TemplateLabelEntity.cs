namespace Workbench.Core.Persistence;

/// <summary>A movable pointer (production, staging, ...) to one version of a template.</summary>
public sealed class TemplateLabelEntity
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public required string Name { get; set; }
    public int VersionNumber { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

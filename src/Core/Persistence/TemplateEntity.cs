namespace Workbench.Core.Persistence;

public sealed class TemplateEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Upper-case invariant, trimmed form of <see cref="Name"/>: unique, so names differing only in case collide.</summary>
    public required string NormalizedName { get; set; }
    public string Description { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public int LatestVersionNumber { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public List<TemplateVersionEntity> Versions { get; set; } = [];
    public List<TemplateLabelEntity> Labels { get; set; } = [];
}

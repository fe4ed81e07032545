namespace Workbench.Core.Persistence;

/// <summary>Unsaved editor state, one per template and user, so a reload or a lost connection loses nothing.</summary>
public sealed class TemplateDraftEntity
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public required string UserName { get; set; }
    public int BaseVersionNumber { get; set; }
    public required string ContentJson { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

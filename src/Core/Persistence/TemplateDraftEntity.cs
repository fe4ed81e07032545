namespace Workbench.Core.Persistence;

/// <summary>
/// Unsaved editor state, one per template and user, so a reload or a lost connection loses nothing. The content is
/// redacted on its way in (issue 7: drafts are a write path like runs): an e-mail typed into a draft comes back as
/// <c>[EMAIL]</c>. Saved versions are the author's deliberate, immutable text and are stored as written.
/// </summary>
public sealed class TemplateDraftEntity : IDraftEntity
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public required string UserName { get; set; }
    public int BaseVersionNumber { get; set; }
    [Redact(IsJson = true)]
    public required string ContentJson { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

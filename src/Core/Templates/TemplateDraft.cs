namespace Workbench.Core.Templates;

/// <summary>A user's unsaved edits of a template, based on version <see cref="BaseVersionNumber"/>.</summary>
public sealed record TemplateDraft(Guid TemplateId, string UserName, int BaseVersionNumber, TemplateContent Content, DateTime UpdatedAtUtc);

namespace Workbench.Core.Templates;

/// <summary>One rendered message of the preview: text when it rendered, errors (with line and column) when not.</summary>
public sealed record MessagePreview(int Index, MessageRole Role, string? Text, IReadOnlyList<TemplateError> Errors);

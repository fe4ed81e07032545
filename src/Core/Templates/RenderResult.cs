namespace Workbench.Core.Templates;

public sealed record RenderResult(bool Success, string? Text, IReadOnlyList<TemplateError> Errors);

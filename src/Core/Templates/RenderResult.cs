namespace Workbench.Core.Templates;

/// <summary>The outcome of rendering a template.</summary>
public sealed record RenderResult(bool Success, string? Text, IReadOnlyList<TemplateError> Errors);

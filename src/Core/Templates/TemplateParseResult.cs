namespace Workbench.Core.Templates;

/// <summary>The outcome of <see cref="PromptTemplate.Parse(string)"/>.</summary>
public sealed record TemplateParseResult(bool Success, PromptTemplate? Template, IReadOnlyList<TemplateError> Errors);

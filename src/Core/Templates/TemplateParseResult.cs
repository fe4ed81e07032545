namespace Workbench.Core.Templates;

public sealed record TemplateParseResult(bool Success, PromptTemplate? Template, IReadOnlyList<TemplateError> Errors);

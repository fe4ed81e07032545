namespace Workbench.Core.Templates;

/// <summary>A template problem with a 1-based line and column.</summary>
public sealed record TemplateError(int Line, int Column, string Message);

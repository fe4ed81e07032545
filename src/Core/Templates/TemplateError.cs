namespace Workbench.Core.Templates;

public sealed record TemplateError(int Line, int Column, string Message);

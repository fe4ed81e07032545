namespace Workbench.Core.Templates;

/// <summary>A highlighted region of template source (offsets in UTF-16 chars).</summary>
public sealed record TemplateSyntaxSpan(int Start, int Length, TemplateSpanKind Kind);

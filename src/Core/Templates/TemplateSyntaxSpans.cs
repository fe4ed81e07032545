namespace Workbench.Core.Templates;

/// <summary>Syntax spans for editor highlighting.</summary>
public static class TemplateSyntaxSpans
{
    /// <summary>
    /// Returns the spans of <paramref name="source"/> sorted by start offset. Text, OutputTag, LogicTag, RawBlock, Comment and Error
    /// spans tile the scanned source; Variable spans lie inside tag spans. Never throws on user input.
    /// </summary>
    public static IReadOnlyList<TemplateSyntaxSpan> Compute(string source) => Compute(source, TemplateLimits.Default);

    /// <inheritdoc cref="Compute(string)"/>
    public static IReadOnlyList<TemplateSyntaxSpan> Compute(string source, TemplateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        if (source.Length > limits.MaxSourceLength)
        {
            return [new TemplateSyntaxSpan(0, source.Length, TemplateSpanKind.Error)];
        }

        return TemplateScanner.Scan(source, limits).Spans;
    }
}

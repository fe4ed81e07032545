namespace Workbench.Core.Redaction;

/// <summary>The redacted text and the spans that were replaced (offsets into the original text, ascending).</summary>
public sealed record RedactionResult(string Text, IReadOnlyList<RedactedSpan> Spans);

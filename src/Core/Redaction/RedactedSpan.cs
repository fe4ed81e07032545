namespace Workbench.Core.Redaction;

/// <summary>A replaced range of the ORIGINAL text; <paramref name="Kind"/> is a <see cref="RedactionKinds"/> value.</summary>
public sealed record RedactedSpan(int Start, int Length, string Kind);

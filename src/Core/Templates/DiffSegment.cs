namespace Workbench.Core.Templates;

/// <summary>A run of text inside a <see cref="DiffLine"/> (adjacent words of the same kind are merged).</summary>
public sealed record DiffSegment(string Text, DiffSegmentKind Kind);

namespace Workbench.Core.Templates;

/// <summary>
/// A line-level diff of two texts with word-level changes inside modified lines, in two shapes over the same diff:
/// <see cref="SideBySide"/> (aligned rows with fillers) and <see cref="Inline"/> (one column of +/- lines).
/// </summary>
public sealed record TextDiff(IReadOnlyList<SideBySideRow> SideBySide, IReadOnlyList<InlineDiffLine> Inline, int LinesAdded, int LinesRemoved)
{
    /// <summary>The diff of two empty texts.</summary>
    public static TextDiff Empty { get; } = new([], [], 0, 0);

    public bool HasChanges => LinesAdded > 0 || LinesRemoved > 0;
}

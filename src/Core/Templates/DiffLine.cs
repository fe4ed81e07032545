namespace Workbench.Core.Templates;

/// <summary>
/// One line of a text diff, or a filler cell in the side-by-side view.
/// <see cref="LineNumber"/> is the 1-based line number on the line's own side (null for a filler).
/// <see cref="Segments"/> concatenate to <see cref="Text"/>; for changed lines they mark the words that changed
/// (only <see cref="DiffSegmentKind.Removed"/> on the left side, only <see cref="DiffSegmentKind.Added"/> on the right side).
/// </summary>
public sealed record DiffLine(DiffLineKind Kind, int? LineNumber, string Text, IReadOnlyList<DiffSegment> Segments)
{
    /// <summary>A filler cell.</summary>
    public static DiffLine Filler { get; } = new(DiffLineKind.Filler, null, "", []);
}

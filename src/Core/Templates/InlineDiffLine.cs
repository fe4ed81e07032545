namespace Workbench.Core.Templates;

/// <summary>
/// One line of the inline (unified) view: <see cref="DiffLineKind.Unchanged"/>, <see cref="DiffLineKind.Removed"/> or
/// <see cref="DiffLineKind.Added"/> (a modified line appears as a removed line followed, after the rest of its block, by an added line).
/// <see cref="LeftLineNumber"/> and <see cref="RightLineNumber"/> are the 1-based numbers on each side (null where the line is absent).
/// </summary>
public sealed record InlineDiffLine(DiffLineKind Kind, int? LeftLineNumber, int? RightLineNumber, string Text, IReadOnlyList<DiffSegment> Segments)
{
    /// <summary>"+" for added lines, "-" for removed lines, " " for unchanged lines.</summary>
    public string Marker => Kind switch
    {
        DiffLineKind.Added => "+",
        DiffLineKind.Removed => "-",
        _ => " ",
    };
}

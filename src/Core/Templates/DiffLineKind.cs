namespace Workbench.Core.Templates;

/// <summary>What happened to one line of a text diff.</summary>
public enum DiffLineKind
{
    /// <summary>The same on both sides.</summary>
    Unchanged,

    /// <summary>Only on the right (new) side.</summary>
    Added,

    /// <summary>Only on the left (old) side.</summary>
    Removed,

    /// <summary>Present on both sides with different text; <see cref="DiffLine.Segments"/> mark the changed words.</summary>
    Modified,

    /// <summary>A filler cell in the side-by-side view, where the other side has a line and this side has none.</summary>
    Filler,
}

namespace Workbench.Core.Templates;

/// <summary>What happened to a run of words inside a line.</summary>
public enum DiffSegmentKind
{
    /// <summary>The same on both sides.</summary>
    Unchanged,

    /// <summary>Only on the right (new) side.</summary>
    Added,

    /// <summary>Only on the left (old) side.</summary>
    Removed,
}

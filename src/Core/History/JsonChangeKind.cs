namespace Workbench.Core.History;

/// <summary>How a JSON value differs between two documents.</summary>
public enum JsonChangeKind
{
    /// <summary>Only in the right document.</summary>
    Added,

    /// <summary>Only in the left document.</summary>
    Removed,

    /// <summary>In both, with a different value or type.</summary>
    Changed,
}

namespace Workbench.Core.Templates;

/// <summary>What happened to a message between two versions (messages are aligned by position).</summary>
public enum MessageChange
{
    /// <summary>Same role and text.</summary>
    Unchanged,

    /// <summary>Same position on both sides; the role, the text or both differ.</summary>
    Modified,

    /// <summary>Only on the right: the right side has more messages.</summary>
    Added,

    /// <summary>Only on the left: the right side has fewer messages.</summary>
    Removed,
}

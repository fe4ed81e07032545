namespace Workbench.Core.Templates;

/// <summary>
/// The diff of the message at <see cref="Index"/> (0-based; <see cref="Number"/> is 1-based for display). An added message has no
/// <see cref="LeftRole"/> and its whole text as added lines; a removed one has no <see cref="RightRole"/> and its text as removed lines.
/// </summary>
public sealed record MessageDiff(int Index, MessageChange Change, MessageRole? LeftRole, MessageRole? RightRole, TextDiff Text)
{
    public int Number => Index + 1;

    /// <summary>Both sides exist and the roles differ.</summary>
    public bool RoleChanged => LeftRole is not null && RightRole is not null && LeftRole != RightRole;

    /// <summary>The role shown in titles: the right (new) one, or the left one for a removed message.</summary>
    public MessageRole Role => RightRole ?? LeftRole ?? MessageRole.User;
}

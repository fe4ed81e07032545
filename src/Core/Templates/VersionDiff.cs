namespace Workbench.Core.Templates;

/// <summary>
/// The differences between two template contents.
/// <see cref="Messages"/> has one entry per message position (unchanged ones too, so a view can show context);
/// <see cref="Settings"/> and <see cref="Variables"/> list only what changed.
/// </summary>
public sealed record VersionDiff(IReadOnlyList<MessageDiff> Messages, IReadOnlyList<SettingDiff> Settings, IReadOnlyList<VariableDiff> Variables)
{
    /// <summary>Lines added over all messages.</summary>
    public int LinesAdded => Messages.Sum(static m => m.Text.LinesAdded);

    /// <summary>Lines removed over all messages.</summary>
    public int LinesRemoved => Messages.Sum(static m => m.Text.LinesRemoved);

    /// <summary>Messages that were added, removed or modified.</summary>
    public int MessagesChanged => Messages.Count(static m => m.Change != MessageChange.Unchanged);

    public bool HasChanges => MessagesChanged > 0 || Settings.Count > 0 || Variables.Count > 0;
}

using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Templates;

public class VersionDifferTests
{
    private static TemplateMessage Msg(MessageRole role, string text) => new(role, text);

    private static TemplateContent Content(params TemplateMessage[] messages) => new(messages, ModelSettings.Default, []);

    [Fact]
    public void Compare_EqualContents_HasNoChanges()
    {
        var content = Content(Msg(MessageRole.System, "Be brief."), Msg(MessageRole.User, "Summarize {{ text }}\nin two lines."));

        var diff = VersionDiffer.Compare(content, content with { });

        Assert.False(diff.HasChanges);
        Assert.Equal(0, diff.LinesAdded);
        Assert.Equal(0, diff.LinesRemoved);
        Assert.Empty(diff.Settings);
        Assert.Empty(diff.Variables);
        Assert.Equal(2, diff.Messages.Count);
        Assert.All(diff.Messages, m => Assert.Equal(MessageChange.Unchanged, m.Change));
        var rows = diff.Messages[1].Text.SideBySide;
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((r.Left.Kind, r.Left.Text, r.Left.LineNumber), (r.Right.Kind, r.Right.Text, r.Right.LineNumber)));
    }

    [Fact]
    public void Compare_CrLfVersusLf_IsNotAChange()
    {
        var diff = VersionDiffer.Compare(Content(Msg(MessageRole.User, "a\r\nb")), Content(Msg(MessageRole.User, "a\nb")));

        Assert.False(diff.HasChanges);
    }

    [Fact]
    public void Compare_AddedLine_CountsAndAlignsWithFiller()
    {
        var diff = VersionDiffer.Compare(Content(Msg(MessageRole.User, "one\nthree")), Content(Msg(MessageRole.User, "one\ntwo\nthree")));

        Assert.True(diff.HasChanges);
        Assert.Equal(1, diff.LinesAdded);
        Assert.Equal(0, diff.LinesRemoved);
        var message = Assert.Single(diff.Messages);
        Assert.Equal(MessageChange.Modified, message.Change);
        var rows = message.Text.SideBySide;
        Assert.Equal(3, rows.Count);
        Assert.Equal(DiffLineKind.Filler, rows[1].Left.Kind);
        Assert.Null(rows[1].Left.LineNumber);
        Assert.Equal(DiffLineKind.Added, rows[1].Right.Kind);
        Assert.Equal("two", rows[1].Right.Text);
        Assert.Equal(2, rows[1].Right.LineNumber);
        Assert.Equal(3, rows[2].Right.LineNumber);
        Assert.Equal(2, rows[2].Left.LineNumber);
        Assert.Equal([" ", "+", " "], message.Text.Inline.Select(l => l.Marker));
    }

    [Fact]
    public void Compare_ModifiedLine_MarksChangedWords()
    {
        var diff = VersionDiffer.Compare(
            Content(Msg(MessageRole.User, "Summarize the text in three bullets.")),
            Content(Msg(MessageRole.User, "Summarize the text in five bullets.")));

        var text = diff.Messages[0].Text;
        Assert.Equal(1, text.LinesAdded);
        Assert.Equal(1, text.LinesRemoved);
        var row = Assert.Single(text.SideBySide);
        Assert.Equal(DiffLineKind.Modified, row.Left.Kind);
        Assert.Equal(DiffLineKind.Modified, row.Right.Kind);
        Assert.Equal("three", Assert.Single(row.Left.Segments, s => s.Kind == DiffSegmentKind.Removed).Text);
        Assert.Equal("five", Assert.Single(row.Right.Segments, s => s.Kind == DiffSegmentKind.Added).Text);
        Assert.DoesNotContain(row.Left.Segments, s => s.Kind == DiffSegmentKind.Added);
        Assert.Equal(row.Left.Text, string.Concat(row.Left.Segments.Select(s => s.Text)));
        Assert.Equal(row.Right.Text, string.Concat(row.Right.Segments.Select(s => s.Text)));

        Assert.Equal(2, text.Inline.Count);
        Assert.Equal(DiffLineKind.Removed, text.Inline[0].Kind);
        Assert.Equal(1, text.Inline[0].LeftLineNumber);
        Assert.Null(text.Inline[0].RightLineNumber);
        Assert.Equal(DiffLineKind.Added, text.Inline[1].Kind);
        Assert.Equal("Summarize the text in five bullets.", text.Inline[1].Text);
    }

    [Fact]
    public void Compare_BlockOfChanges_InlineGroupsRemovedBeforeAdded()
    {
        var text = VersionDiffer.CompareText("keep\na1\na2\na3\nend", "keep\nb1\nb2\nend");

        Assert.Equal(3, text.LinesRemoved);
        Assert.Equal(2, text.LinesAdded);
        Assert.Equal([" ", "-", "-", "-", "+", "+", " "], text.Inline.Select(l => l.Marker));
        Assert.Equal(5, text.SideBySide.Count);
        Assert.Equal(DiffLineKind.Filler, text.SideBySide[3].Right.Kind);
        Assert.Equal(DiffLineKind.Removed, text.SideBySide[3].Left.Kind);
    }

    [Fact]
    public void Compare_WhitespaceOnlyChange_IsAChange()
    {
        var text = VersionDiffer.CompareText("a b", "a  b");

        Assert.True(text.HasChanges);
    }

    [Fact]
    public void Compare_AddedAndRemovedMessages_AreReported()
    {
        var left = Content(Msg(MessageRole.System, "sys"), Msg(MessageRole.User, "u1\nu2"));
        var right = Content(Msg(MessageRole.System, "sys"));

        var removed = VersionDiffer.Compare(left, right);
        var added = VersionDiffer.Compare(right, left);

        Assert.Equal(MessageChange.Removed, removed.Messages[1].Change);
        Assert.Equal(MessageRole.User, removed.Messages[1].LeftRole);
        Assert.Null(removed.Messages[1].RightRole);
        Assert.Equal(2, removed.LinesRemoved);
        Assert.All(removed.Messages[1].Text.SideBySide, r => Assert.Equal(DiffLineKind.Filler, r.Right.Kind));

        Assert.Equal(MessageChange.Added, added.Messages[1].Change);
        Assert.Equal(2, added.Messages[1].Number);
        Assert.Equal(2, added.LinesAdded);
        Assert.Equal(["+", "+"], added.Messages[1].Text.Inline.Select(l => l.Marker));
        Assert.Equal(1, added.MessagesChanged);
    }

    [Fact]
    public void Compare_AddedEmptyMessage_IsAChangeWithoutLines()
    {
        var diff = VersionDiffer.Compare(Content(Msg(MessageRole.System, "s")), Content(Msg(MessageRole.System, "s"), Msg(MessageRole.User, "")));

        Assert.True(diff.HasChanges);
        Assert.Equal(MessageChange.Added, diff.Messages[1].Change);
        Assert.Equal(0, diff.LinesAdded);
    }

    [Fact]
    public void Compare_RoleChanged_IsModified()
    {
        var diff = VersionDiffer.Compare(Content(Msg(MessageRole.User, "same")), Content(Msg(MessageRole.Assistant, "same")));

        var message = Assert.Single(diff.Messages);
        Assert.Equal(MessageChange.Modified, message.Change);
        Assert.True(message.RoleChanged);
        Assert.Equal(MessageRole.Assistant, message.Role);
        Assert.False(message.Text.HasChanges);
        Assert.True(diff.HasChanges);
    }

    [Fact]
    public void Compare_Settings_ListsOnlyChangedOnes()
    {
        var left = Content(Msg(MessageRole.User, "x"));
        var schema = new OutputSchemaLink(Guid.Parse("0190a0b0-0000-7000-8000-000000000001"), 3);
        var right = left with
        {
            Settings = left.Settings with { Model = "gpt-4o-mini", Temperature = 0.7, TopP = 0.9, StopSequences = ["###", "\n"] },
            OutputSchema = schema,
        };

        var diff = VersionDiffer.Compare(left, right);

        Assert.True(diff.HasChanges);
        Assert.Equal(["Model", "Temperature", "Top-p", "Stop sequences", "Output schema"], diff.Settings.Select(s => s.Name));
        Assert.Equal(new SettingDiff("Model", "simulated-json", "gpt-4o-mini"), diff.Settings[0]);
        Assert.Equal(new SettingDiff("Temperature", "0.2", "0.7"), diff.Settings[1]);
        Assert.Equal(new SettingDiff("Top-p", null, "0.9"), diff.Settings[2]);
        Assert.Equal(new SettingDiff("Stop sequences", null, "[\"###\",\"\\n\"]"), diff.Settings[3]);
        Assert.Equal(new SettingDiff("Output schema", null, "0190a0b0-0000-7000-8000-000000000001 v3"), diff.Settings[4]);
        Assert.Equal(0, diff.MessagesChanged);
    }

    [Fact]
    public void Compare_SettingsProviderAndMaxTokens_AreCompared()
    {
        var left = Content(Msg(MessageRole.User, "x"));
        var right = left with { Settings = left.Settings with { Provider = "openai", MaxOutputTokens = null } };

        var diff = VersionDiffer.Compare(left, right);

        Assert.Equal([new SettingDiff("Provider", "simulated", "openai"), new SettingDiff("Max output tokens", "1024", null)], diff.Settings);
    }

    [Fact]
    public void Compare_Variables_AddedRemovedAndChanged()
    {
        var left = Content(Msg(MessageRole.User, "x")) with
        {
            Variables =
            [
                new VariableDeclaration("text", "The text", true, null, "Hello"),
                new VariableDeclaration("tone", null, false, "neutral", null),
                new VariableDeclaration("same", "d", true, null, null),
            ],
        };
        var right = left with
        {
            Variables =
            [
                new VariableDeclaration("same", "d", true, null, null),
                new VariableDeclaration("text", "The text to summarize", false, null, "Hello", VariableKind.Json),
                new VariableDeclaration("audience", "Who reads it", true, null, null),
            ],
        };

        var diff = VersionDiffer.Compare(left, right);

        Assert.Equal(["text", "tone", "audience"], diff.Variables.Select(v => v.Name));
        var text = diff.Variables[0];
        Assert.Equal(VariableChange.Modified, text.Change);
        Assert.Equal(
            [new SettingDiff("Description", "The text", "The text to summarize"), new SettingDiff("Required", "yes", "no"), new SettingDiff("Kind", "Text", "Json")],
            text.Fields);
        Assert.Equal(VariableChange.Removed, diff.Variables[1].Change);
        Assert.Null(diff.Variables[1].Right);
        Assert.Contains(new SettingDiff("Default", "neutral", null), diff.Variables[1].Fields);
        Assert.Equal(VariableChange.Added, diff.Variables[2].Change);
        Assert.Contains(new SettingDiff("Description", null, "Who reads it"), diff.Variables[2].Fields);
        Assert.True(diff.HasChanges);
    }

    [Fact]
    public void Compare_VariableExampleChanged_IsReported()
    {
        var left = Content(Msg(MessageRole.User, "x")) with { Variables = [new VariableDeclaration("v", null, true, null, "a")] };
        var right = left with { Variables = [new VariableDeclaration("v", null, true, null, "b")] };

        var variable = Assert.Single(VersionDiffer.Compare(left, right).Variables);

        Assert.Equal([new SettingDiff("Example", "a", "b")], variable.Fields);
    }

    [Fact]
    public void Compare_EmptyContent_HasNoChanges()
    {
        Assert.False(VersionDiffer.Compare(TemplateContent.Empty, TemplateContent.Empty).HasChanges);
    }

    [Fact]
    public void CompareText_LargeTexts_Works()
    {
        var left = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"line {i} of the prompt"));
        var right = left.Replace("line 10000 of", "row 10000 of", StringComparison.Ordinal) + "\nextra";

        var text = VersionDiffer.CompareText(left, right);

        Assert.Equal(2, text.LinesAdded);
        Assert.Equal(1, text.LinesRemoved);
        Assert.Equal(20_001, text.SideBySide.Count);
    }

    [Fact]
    public void CompareText_SideBySideRows_HaveEqualLineCountsPerSide()
    {
        var text = VersionDiffer.CompareText("a\nb\nc\nd", "a\nx\nc\ny\nz");

        Assert.Equal(4, text.SideBySide.Count(r => r.Left.Kind != DiffLineKind.Filler));
        Assert.Equal(5, text.SideBySide.Count(r => r.Right.Kind != DiffLineKind.Filler));
        Assert.Equal(text.LinesAdded, text.Inline.Count(l => l.Kind == DiffLineKind.Added));
        Assert.Equal(text.LinesRemoved, text.Inline.Count(l => l.Kind == DiffLineKind.Removed));
    }
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Workbench.Core.Templates;

/// <summary>
/// Compares two template contents (two versions, or a version and a draft) for display.
/// Messages are aligned by position; each gets a line diff with word-level changes inside modified lines.
/// Settings and declared variables are reported only where they differ. Whitespace and case count as changes;
/// line endings do not (CRLF and LF compare equal).
/// </summary>
public static class VersionDiffer
{
    private static readonly JsonSerializerOptions StopSequenceJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compares <paramref name="left"/> (old) with <paramref name="right"/> (new).</summary>
    public static VersionDiff Compare(TemplateContent left, TemplateContent right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new VersionDiff(CompareMessages(left.Messages ?? [], right.Messages ?? []), CompareSettings(left, right),
            CompareVariables(left.Variables ?? [], right.Variables ?? []));
    }

    /// <summary>A line diff of two texts with word-level changes inside modified lines.</summary>
    public static TextDiff CompareText(string? left, string? right)
    {
        left = NormalizeLineEndings(left);
        right = NormalizeLineEndings(right);
        if (left.Length == 0 && right.Length == 0)
        {
            return TextDiff.Empty;
        }

        List<SideBySideRow> rows;
        if (left.Length == 0)
        {
            rows = [.. SplitLines(right).Select((line, i) => new SideBySideRow(DiffLine.Filler, WholeLine(DiffLineKind.Added, i + 1, line)))];
        }
        else if (right.Length == 0)
        {
            rows = [.. SplitLines(left).Select((line, i) => new SideBySideRow(WholeLine(DiffLineKind.Removed, i + 1, line), DiffLine.Filler))];
        }
        else
        {
            var model = SideBySideDiffBuilder.Diff(Differ.Instance, left, right, ignoreWhiteSpace: false, ignoreCase: false,
                LineChunker.Instance, WordChunker.Instance);
            var count = Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count);
            rows = new List<SideBySideRow>(count);
            for (var i = 0; i < count; i++)
            {
                var oldPiece = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
                var newPiece = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
                rows.Add(new SideBySideRow(ToLine(oldPiece, leftSide: true), ToLine(newPiece, leftSide: false)));
            }
        }

        var added = rows.Count(static r => r.Right.Kind is DiffLineKind.Added or DiffLineKind.Modified);
        var removed = rows.Count(static r => r.Left.Kind is DiffLineKind.Removed or DiffLineKind.Modified);
        return new TextDiff(rows, ToInline(rows), added, removed);
    }

    private static List<MessageDiff> CompareMessages(IReadOnlyList<TemplateMessage> left, IReadOnlyList<TemplateMessage> right)
    {
        var diffs = new List<MessageDiff>(Math.Max(left.Count, right.Count));
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            var l = i < left.Count ? left[i] : null;
            var r = i < right.Count ? right[i] : null;
            var text = CompareText(l?.Text, r?.Text);
            var change = (l, r) switch
            {
                (null, _) => MessageChange.Added,
                (_, null) => MessageChange.Removed,
                _ when l.Role != r.Role || text.HasChanges => MessageChange.Modified,
                _ => MessageChange.Unchanged,
            };
            diffs.Add(new MessageDiff(i, change, l?.Role, r?.Role, text));
        }

        return diffs;
    }

    private static List<SettingDiff> CompareSettings(TemplateContent left, TemplateContent right)
    {
        var l = left.Settings ?? ModelSettings.Default;
        var r = right.Settings ?? ModelSettings.Default;
        var diffs = new List<SettingDiff>();
        AddIfChanged(diffs, "Provider", l.Provider, r.Provider);
        AddIfChanged(diffs, "Model", l.Model, r.Model);
        AddIfChanged(diffs, "Temperature", Format(l.Temperature), Format(r.Temperature));
        AddIfChanged(diffs, "Max output tokens", Format(l.MaxOutputTokens), Format(r.MaxOutputTokens));
        AddIfChanged(diffs, "Top-p", Format(l.TopP), Format(r.TopP));
        AddIfChanged(diffs, "Stop sequences", Format(l.StopSequences), Format(r.StopSequences));
        AddIfChanged(diffs, "Output schema", Format(left.OutputSchema), Format(right.OutputSchema));
        return diffs;
    }

    private static List<VariableDiff> CompareVariables(IReadOnlyList<VariableDeclaration> left, IReadOnlyList<VariableDeclaration> right)
    {
        var leftByName = new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal);
        foreach (var declaration in left)
        {
            leftByName.TryAdd(declaration.Name, declaration);
        }

        var rightByName = new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal);
        foreach (var declaration in right)
        {
            rightByName.TryAdd(declaration.Name, declaration);
        }

        var diffs = new List<VariableDiff>();
        foreach (var (name, l) in leftByName)
        {
            if (!rightByName.TryGetValue(name, out var r))
            {
                diffs.Add(new VariableDiff(name, VariableChange.Removed, l, null, CompareFields(l, null)));
                continue;
            }

            var fields = CompareFields(l, r);
            if (fields.Count > 0)
            {
                diffs.Add(new VariableDiff(name, VariableChange.Modified, l, r, fields));
            }
        }

        diffs.AddRange(rightByName.Where(p => !leftByName.ContainsKey(p.Key))
            .Select(p => new VariableDiff(p.Key, VariableChange.Added, null, p.Value, CompareFields(null, p.Value))));
        return diffs;
    }

    private static List<SettingDiff> CompareFields(VariableDeclaration? l, VariableDeclaration? r)
    {
        var fields = new List<SettingDiff>();
        AddIfChanged(fields, "Description", l?.Description, r?.Description);
        AddIfChanged(fields, "Required", l is null ? null : Format(l.Required), r is null ? null : Format(r.Required));
        AddIfChanged(fields, "Default", l?.DefaultValue, r?.DefaultValue);
        AddIfChanged(fields, "Example", l?.ExampleValue, r?.ExampleValue);
        AddIfChanged(fields, "Kind", l?.Kind.ToString(), r?.Kind.ToString());
        return fields;
    }

    private static void AddIfChanged(List<SettingDiff> diffs, string name, string? left, string? right)
    {
        if (!string.Equals(left, right, StringComparison.Ordinal))
        {
            diffs.Add(new SettingDiff(name, left, right));
        }
    }

    private static string? Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Format(bool value) => value ? "yes" : "no";

    private static string? Format(IReadOnlyList<string>? stops) =>
        stops is null || stops.Count == 0 ? null : JsonSerializer.Serialize(stops, StopSequenceJson);

    private static string? Format(OutputSchemaLink? link) =>
        link is null ? null : string.Create(CultureInfo.InvariantCulture, $"{link.SchemaId} v{link.VersionNumber}");

    private static string NormalizeLineEndings(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string[] SplitLines(string text) => text.Split('\n');

    private static DiffLine WholeLine(DiffLineKind kind, int number, string text)
    {
        var segmentKind = kind switch
        {
            DiffLineKind.Added => DiffSegmentKind.Added,
            DiffLineKind.Removed => DiffSegmentKind.Removed,
            _ => DiffSegmentKind.Unchanged,
        };
        return new DiffLine(kind, number, text, text.Length == 0 ? [] : [new DiffSegment(text, segmentKind)]);
    }

    private static DiffLine ToLine(DiffPiece? piece, bool leftSide)
    {
        if (piece is null || piece.Type == ChangeType.Imaginary)
        {
            return DiffLine.Filler;
        }

        var text = piece.Text ?? "";
        return piece.Type switch
        {
            ChangeType.Unchanged => WholeLine(DiffLineKind.Unchanged, piece.Position ?? 0, text),
            ChangeType.Deleted => WholeLine(DiffLineKind.Removed, piece.Position ?? 0, text),
            ChangeType.Inserted => WholeLine(DiffLineKind.Added, piece.Position ?? 0, text),
            _ => new DiffLine(DiffLineKind.Modified, piece.Position, text, WordSegments(piece, text, leftSide)),
        };
    }

    private static List<DiffSegment> WordSegments(DiffPiece line, string text, bool leftSide)
    {
        var changed = leftSide ? DiffSegmentKind.Removed : DiffSegmentKind.Added;
        var segments = new List<DiffSegment>();
        foreach (var piece in line.SubPieces)
        {
            if (piece.Type == ChangeType.Imaginary || string.IsNullOrEmpty(piece.Text))
            {
                continue;
            }

            var kind = piece.Type == ChangeType.Unchanged ? DiffSegmentKind.Unchanged : changed;
            if (segments.Count > 0 && segments[^1].Kind == kind)
            {
                segments[^1] = segments[^1] with { Text = segments[^1].Text + piece.Text };
            }
            else
            {
                segments.Add(new DiffSegment(piece.Text, kind));
            }
        }

        // The segments must spell the line; if the word chunker ever disagrees, mark the whole line as changed.
        return string.Equals(string.Concat(segments.Select(static s => s.Text)), text, StringComparison.Ordinal)
            ? segments
            : text.Length == 0 ? [] : [new DiffSegment(text, changed)];
    }

    private static List<InlineDiffLine> ToInline(List<SideBySideRow> rows)
    {
        var lines = new List<InlineDiffLine>(rows.Count);
        var removed = new List<InlineDiffLine>();
        var added = new List<InlineDiffLine>();
        foreach (var row in rows)
        {
            if (row.Left.Kind == DiffLineKind.Unchanged)
            {
                Flush();
                lines.Add(new InlineDiffLine(DiffLineKind.Unchanged, row.Left.LineNumber, row.Right.LineNumber, row.Left.Text, row.Left.Segments));
                continue;
            }

            if (row.Left.Kind != DiffLineKind.Filler)
            {
                removed.Add(new InlineDiffLine(DiffLineKind.Removed, row.Left.LineNumber, null, row.Left.Text, row.Left.Segments));
            }

            if (row.Right.Kind != DiffLineKind.Filler)
            {
                added.Add(new InlineDiffLine(DiffLineKind.Added, null, row.Right.LineNumber, row.Right.Text, row.Right.Segments));
            }
        }

        Flush();
        return lines;

        void Flush()
        {
            lines.AddRange(removed);
            lines.AddRange(added);
            removed.Clear();
            added.Clear();
        }
    }
}

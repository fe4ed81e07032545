using Microsoft.AspNetCore.Components;
using Workbench.Core.Templates;

namespace Workbench.Components.Shared;

/// <summary>
/// Shows the differences between two template contents: per message a line diff with word-level changes (side by side or inline),
/// then changed settings and changed declared variables. Added text is marked "+" on a success tint, removed text "−" on an error tint.
/// </summary>
public partial class TemplateDiffView
{
    /// <summary>Most rows rendered per message; the rest is summarized, so a huge prompt cannot flood the circuit.</summary>
    public const int MaxRowsPerMessage = 2_000;

    private TemplateContent? _comparedLeft;
    private TemplateContent? _comparedRight;
    private VersionDiff _diff = VersionDiffer.Compare(TemplateContent.Empty, TemplateContent.Empty);
    private DiffViewMode _mode = DiffViewMode.SideBySide;

    /// <summary>The old side.</summary>
    [Parameter, EditorRequired] public TemplateContent Left { get; set; } = TemplateContent.Empty;

    /// <summary>The new side.</summary>
    [Parameter, EditorRequired] public TemplateContent Right { get; set; } = TemplateContent.Empty;

    /// <summary>Caption of the old side, for example "v3".</summary>
    [Parameter] public string LeftLabel { get; set; } = "Before";

    /// <summary>Caption of the new side, for example "Draft".</summary>
    [Parameter] public string RightLabel { get; set; } = "After";

    private VersionDiff Diff => _diff;

    private DiffViewMode Mode => _mode;

    protected override void OnParametersSet()
    {
        // Recompute only when a side is a different object (contents are immutable records).
        if (!ReferenceEquals(_comparedLeft, Left) || !ReferenceEquals(_comparedRight, Right))
        {
            _diff = VersionDiffer.Compare(Left, Right);
            _comparedLeft = Left;
            _comparedRight = Right;
        }
    }

    private void SetMode(DiffViewMode mode) => _mode = mode;

    private static string RoleName(MessageRole? role) => role?.ToString().ToLowerInvariant() ?? "";

    private static string MessageTitle(MessageDiff message) =>
        $"Message {message.Number} · {RoleName(message.Role)}";

    private static string ChangeLabel(MessageChange change) => change switch
    {
        MessageChange.Added => "added",
        MessageChange.Removed => "removed",
        MessageChange.Modified => "modified",
        _ => "unchanged",
    };

    private static string VariableChangeLabel(VariableChange change) => change switch
    {
        VariableChange.Added => "added",
        VariableChange.Removed => "removed",
        _ => "changed",
    };

    private static string LineClass(DiffLine line, bool leftSide) => line.Kind switch
    {
        DiffLineKind.Added => "diff-line diff-line--added",
        DiffLineKind.Removed => "diff-line diff-line--removed",
        DiffLineKind.Modified => leftSide ? "diff-line diff-line--removed" : "diff-line diff-line--added",
        DiffLineKind.Filler => "diff-line diff-line--filler",
        _ => "diff-line",
    };

    private static string InlineClass(InlineDiffLine line) => line.Kind switch
    {
        DiffLineKind.Added => "diff-line diff-line--added",
        DiffLineKind.Removed => "diff-line diff-line--removed",
        _ => "diff-line",
    };

    private static string Marker(DiffLine line, bool leftSide) => line.Kind switch
    {
        DiffLineKind.Added => "+",
        DiffLineKind.Removed => "−",
        DiffLineKind.Modified => leftSide ? "−" : "+",
        _ => "",
    };

    private static string InlineMarker(InlineDiffLine line) => line.Kind switch
    {
        DiffLineKind.Added => "+",
        DiffLineKind.Removed => "−",
        _ => "",
    };

    private static string MarkerLabel(string marker) => marker switch
    {
        "+" => "added",
        "−" => "removed",
        _ => "",
    };

    /// <summary>Word-level highlights only make sense when part of the line is unchanged.</summary>
    private static bool HighlightWords(IReadOnlyList<DiffSegment> segments) =>
        segments.Count > 1 && segments.Any(static s => s.Kind == DiffSegmentKind.Unchanged);

    private static string Display(string? value) => value ?? "—";
}

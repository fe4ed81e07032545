using System.Text.Json;

namespace Workbench.Core.History;

/// <summary>
/// One difference at a JSON Pointer <see cref="Path"/> ("" = the whole document): the compact JSON on each side
/// (null where absent) and the value kinds, so a type change (string → number) is visible as such.
/// </summary>
public sealed record JsonChange(JsonChangeKind Kind, string Path, string? Left, string? Right, JsonValueKind? LeftKind, JsonValueKind? RightKind)
{
    /// <summary>Both sides exist but hold different kinds of value (e.g. a string became a number).</summary>
    public bool IsTypeChange => LeftKind is { } left && RightKind is { } right && !SameKind(left, right);

    private static bool SameKind(JsonValueKind left, JsonValueKind right) =>
        left == right || (left is JsonValueKind.True or JsonValueKind.False && right is JsonValueKind.True or JsonValueKind.False);
}

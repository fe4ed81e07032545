namespace Workbench.Core.Templates;

/// <summary>
/// One aligned row of the side-by-side view. Unchanged rows have the same text on both sides; a removed line has a filler on the
/// right, an added line a filler on the left; a modified line pair has <see cref="DiffLineKind.Modified"/> on both sides.
/// </summary>
public sealed record SideBySideRow(DiffLine Left, DiffLine Right);

namespace Workbench.Core.History;

/// <summary>
/// The structural differences of two JSON documents, or <see cref="Error"/> when one is not JSON (which side and why).
/// <see cref="Truncated"/>: there were more than the requested maximum of changes and the rest were not listed.
/// </summary>
public sealed record JsonDiffResult(IReadOnlyList<JsonChange> Changes, bool Truncated, string? Error)
{
    public bool Succeeded => Error is null;

    public bool Identical => Succeeded && Changes.Count == 0;

    public int Count(JsonChangeKind kind) => Changes.Count(c => c.Kind == kind);
}

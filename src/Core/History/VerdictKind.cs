namespace Workbench.Core.History;

/// <summary>A reviewer's decision on a run.</summary>
public enum VerdictKind
{
    Approved,
    Rejected,
    NeedsWork,
}

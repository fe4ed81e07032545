namespace Workbench.Core.Batches;

/// <summary>
/// One setting (column) of a batch: its runs finished so far, how many were evaluated against their expectation and
/// passed, and the pass rate (passed / evaluated; null until one is evaluated).
/// </summary>
public sealed record BatchSettingSummary(int Index, string? Provider, string? Model, int Total, int Completed, int Evaluated, int Passed)
{
    public double? PassRate => Evaluated == 0 ? null : (double)Passed / Evaluated;
}

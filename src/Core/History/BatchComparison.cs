namespace Workbench.Core.History;

/// <summary>
/// Two batches over the same test cases compared case by case: <see cref="Rows"/> (regressions and fixes marked), the
/// pass rates, total costs (null when a price is unknown) and mean latencies of each side.
/// </summary>
public sealed record BatchComparison(
    Guid LeftBatchId,
    Guid RightBatchId,
    IReadOnlyList<BatchCaseComparison> Rows,
    double? LeftPassRate,
    double? RightPassRate,
    decimal? LeftCostUsd,
    decimal? RightCostUsd,
    double? LeftMeanLatencyMs,
    double? RightMeanLatencyMs)
{
    public int Regressions => Rows.Count(r => r.Change == OutcomeChange.Regression);

    public int Fixes => Rows.Count(r => r.Change == OutcomeChange.Fix);
}

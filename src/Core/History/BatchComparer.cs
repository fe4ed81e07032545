using Workbench.Core.Batches;
using Workbench.Core.Templates;

namespace Workbench.Core.History;

/// <summary>
/// Batch vs batch (issue 8): pairs the cells of two batches by case and setting (same test set, e.g. v3 vs v4 or model A
/// vs model B) and marks pass → fail as a regression and fail → pass as a fix. A cell passes when its expectation held,
/// or, without an expectation, when its output ended schema-valid.
/// </summary>
public sealed class BatchComparer(BatchService batches)
{
    public async Task<OperationResult<BatchComparison>> CompareAsync(Guid left, Guid right, CancellationToken cancellationToken = default)
    {
        var leftMatrix = await batches.GetMatrixAsync(left, cancellationToken);
        var rightMatrix = await batches.GetMatrixAsync(right, cancellationToken);
        var problems = new List<TemplateProblem>();
        if (leftMatrix is null)
        {
            problems.Add(new("left", "There is no batch with the first id."));
        }

        if (rightMatrix is null)
        {
            problems.Add(new("right", "There is no batch with the second id."));
        }

        if (leftMatrix is not null && rightMatrix is not null && leftMatrix.CaseCount != rightMatrix.CaseCount)
        {
            problems.Add(new("right", $"The batches ran different test sets ({leftMatrix.CaseCount} and {rightMatrix.CaseCount} cases): compare batches over the same cases."));
        }

        if (problems.Count > 0)
        {
            return OperationResult<BatchComparison>.Fail(problems);
        }

        return OperationResult<BatchComparison>.Ok(Compare(leftMatrix!, rightMatrix!));
    }

    /// <summary>The comparison of two matrices (pure; exposed for tests).</summary>
    public static BatchComparison Compare(BatchMatrix left, BatchMatrix right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var leftCells = left.Cells.ToDictionary(c => (c.CaseIndex, c.SettingIndex));
        var rightCells = right.Cells.ToDictionary(c => (c.CaseIndex, c.SettingIndex));
        var settings = Math.Max(Math.Max(left.Settings.Count, right.Settings.Count), 1);
        var rows = new List<BatchCaseComparison>();
        for (var caseIndex = 0; caseIndex < Math.Max(left.CaseCount, right.CaseCount); caseIndex++)
        {
            for (var setting = 0; setting < settings; setting++)
            {
                var l = leftCells.GetValueOrDefault((caseIndex, setting));
                var r = rightCells.GetValueOrDefault((caseIndex, setting));
                if (l is null && r is null)
                {
                    continue;
                }

                var change = l is null || r is null || !RunOutcomes.IsFinal(l.Status) || !RunOutcomes.IsFinal(r.Status)
                    ? OutcomeChange.Pending
                    : (Passed(l), Passed(r)) switch
                    {
                        (true, false) => OutcomeChange.Regression,
                        (false, true) => OutcomeChange.Fix,
                        _ => OutcomeChange.Same,
                    };
                rows.Add(new BatchCaseComparison(caseIndex, setting, l?.RunId, r?.RunId, l is null ? null : Passed(l), r is null ? null : Passed(r), change));
            }
        }

        return new BatchComparison(
            left.BatchId, right.BatchId, rows,
            PassRate(left), PassRate(right), Cost(left), Cost(right), MeanLatency(left), MeanLatency(right));
    }

    private static bool Passed(BatchCell cell) => cell.Passed ?? RunOutcomes.Passes(cell.Status);

    private static double? PassRate(BatchMatrix matrix)
    {
        var final = matrix.Cells.Where(c => RunOutcomes.IsFinal(c.Status)).ToList();
        return final.Count == 0 ? null : final.Count(Passed) / (double)final.Count;
    }

    private static decimal? Cost(BatchMatrix matrix) =>
        matrix.Cells.Count == 0 || matrix.Cells.Any(c => c.CostUsd is null) ? null : matrix.Cells.Sum(c => c.CostUsd!.Value);

    private static double? MeanLatency(BatchMatrix matrix)
    {
        var latencies = matrix.Cells.Where(c => c.LatencyMs is not null).Select(c => (double)c.LatencyMs!.Value).ToList();
        return latencies.Count == 0 ? null : latencies.Average();
    }
}

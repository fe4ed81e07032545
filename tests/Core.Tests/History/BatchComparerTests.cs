using Workbench.Core.Batches;
using Workbench.Core.History;
using Workbench.Core.Runs;

namespace Workbench.Core.Tests.History;

public class BatchComparerTests
{
    [Fact]
    public void Compare_PassToFailAndBack_RegressionAndFixMarked()
    {
        var left = Matrix(Cell(0, RunStatus.Valid), Cell(1, RunStatus.Invalid), Cell(2, RunStatus.Valid), Cell(3, RunStatus.Failed));
        var right = Matrix(Cell(0, RunStatus.Invalid), Cell(1, RunStatus.Repaired), Cell(2, RunStatus.Valid), Cell(3, RunStatus.Failed));

        var comparison = BatchComparer.Compare(left, right);

        Assert.Equal([OutcomeChange.Regression, OutcomeChange.Fix, OutcomeChange.Same, OutcomeChange.Same], comparison.Rows.Select(r => r.Change));
        Assert.Equal((1, 1), (comparison.Regressions, comparison.Fixes));
        Assert.Equal(0.5, comparison.LeftPassRate);
        Assert.Equal(0.5, comparison.RightPassRate);
    }

    [Fact]
    public void Compare_ExpectationDecides_ValidOutputWithFailedExpectationIsAFail()
    {
        var left = Matrix(Cell(0, RunStatus.Valid, passed: true));
        var right = Matrix(Cell(0, RunStatus.Valid, passed: false));

        var row = Assert.Single(BatchComparer.Compare(left, right).Rows);

        Assert.Equal((true, false, OutcomeChange.Regression), (row.LeftPassed!.Value, row.RightPassed!.Value, row.Change));
    }

    [Fact]
    public void Compare_CostsAndLatency_SummedAndAveraged()
    {
        var left = Matrix(Cell(0, RunStatus.Valid, cost: 0.01m, latency: 100), Cell(1, RunStatus.Valid, cost: 0.02m, latency: 300));
        var right = Matrix(Cell(0, RunStatus.Valid, cost: null, latency: 50), Cell(1, RunStatus.Valid, cost: 0.02m, latency: 50));

        var comparison = BatchComparer.Compare(left, right);

        Assert.Equal(0.03m, comparison.LeftCostUsd);
        Assert.Null(comparison.RightCostUsd); // one unknown price: no partial total
        Assert.Equal((200d, 50d), (comparison.LeftMeanLatencyMs!.Value, comparison.RightMeanLatencyMs!.Value));
    }

    [Fact]
    public void Compare_UnfinishedOrMissingCell_Pending()
    {
        var left = Matrix(Cell(0, RunStatus.Valid), Cell(1, RunStatus.Valid));
        var right = Matrix(Cell(0, RunStatus.Running));

        var comparison = BatchComparer.Compare(left with { CaseCount = 2 }, right with { CaseCount = 2 });

        Assert.All(comparison.Rows, r => Assert.Equal(OutcomeChange.Pending, r.Change));
        Assert.Null(comparison.Rows[1].RightRunId);
    }

    private static BatchMatrix Matrix(params BatchCell[] cells) =>
        new(Guid.NewGuid(), [new BatchSetting("simulated", "simulated-json")], cells.Length, cells);

    private static BatchCell Cell(int caseIndex, RunStatus status, bool? passed = null, decimal? cost = 0m, long? latency = 10) =>
        new(caseIndex, 0, Guid.NewGuid(), status, null, 1, latency, cost, passed is null ? null : ExpectationKind.ContainsText, passed, null);
}

using Workbench.Core.History;
using Workbench.Core.Runs;
using Workbench.Core.Validation;

namespace Workbench.Core.Tests.History;

public class RunOutcomesTests
{
    [Theory]
    [InlineData(RunStatus.Valid, RunStatus.Invalid, OutcomeChange.Regression)]
    [InlineData(RunStatus.Repaired, RunStatus.Failed, OutcomeChange.Regression)]
    [InlineData(RunStatus.Valid, RunStatus.Cancelled, OutcomeChange.Regression)]
    [InlineData(RunStatus.Invalid, RunStatus.Repaired, OutcomeChange.Fix)]
    [InlineData(RunStatus.Interrupted, RunStatus.Valid, OutcomeChange.Fix)]
    [InlineData(RunStatus.Valid, RunStatus.Repaired, OutcomeChange.Same)]
    [InlineData(RunStatus.Invalid, RunStatus.Failed, OutcomeChange.Same)]
    [InlineData(RunStatus.Valid, RunStatus.Running, OutcomeChange.Pending)]
    [InlineData(RunStatus.Queued, RunStatus.Valid, OutcomeChange.Pending)]
    public void Compare_Statuses_Change(RunStatus baseline, RunStatus other, OutcomeChange expected) =>
        Assert.Equal(expected, RunOutcomes.Compare(baseline, other));

    [Fact]
    public void Metrics_SeveralAttempts_SummedTokensLatencyCost()
    {
        var run = Run(Attempt(1, 100, 20, 300, 0.001m), Attempt(2, 150, 25, 200, 0.002m, estimated: true));

        var metrics = RunMetrics.Of(run);

        Assert.Equal(new RunMetrics(250, 45, true, 500, 0.003m, 2), metrics);
    }

    [Fact]
    public void Metrics_OneUnknownPrice_CostUnknown()
    {
        var metrics = RunMetrics.Of(Run(Attempt(1, 100, 20, 300, 0.001m), Attempt(2, 100, 20, 300, null)));

        Assert.Null(metrics.CostUsd);
        Assert.Equal(600, metrics.LatencyMs);
    }

    [Fact]
    public void Metrics_NoAttempts_NothingKnown()
    {
        var metrics = RunMetrics.Of(Run());

        Assert.Equal(new RunMetrics(null, null, false, 0, null, 0), metrics);
    }

    private static RunRecord Run(params RunAttempt[] attempts) =>
        new(Guid.NewGuid(), RunStatus.Valid, null, "trip", 1, "simulated", "m", "{}", "{}", [], DateTime.UtcNow, null, null, attempts);

    private static RunAttempt Attempt(int number, long input, long output, long latency, decimal? cost, bool estimated = false) =>
        new(number, RunAttemptKind.Initial, RunAttemptStatus.Valid, [], "{}", "{}", Array.Empty<ValidationIssue>(), [], input, output, estimated, null, latency, cost, "stop", 200, null);
}

using Workbench.Core.Runs;

namespace Workbench.Core.History;

/// <summary>Pass/fail of a run's status and the change between two runs, for regressions in comparisons.</summary>
public static class RunOutcomes
{
    /// <summary>A run passes when its output ended schema-valid (first try or after repairs).</summary>
    public static bool Passes(RunStatus status) => status is RunStatus.Valid or RunStatus.Repaired;

    public static bool IsFinal(RunStatus status) => status is not (RunStatus.Queued or RunStatus.Running);

    public static OutcomeChange Compare(RunStatus baseline, RunStatus other) =>
        !IsFinal(baseline) || !IsFinal(other) ? OutcomeChange.Pending
        : Passes(baseline) == Passes(other) ? OutcomeChange.Same
        : Passes(baseline) ? OutcomeChange.Regression
        : OutcomeChange.Fix;
}

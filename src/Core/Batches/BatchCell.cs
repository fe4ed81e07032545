using Workbench.Core.Runs;

namespace Workbench.Core.Batches;

/// <summary>
/// One cell of a batch's results matrix: the run of case <see cref="CaseIndex"/> on setting <see cref="SettingIndex"/>
/// (both 0-based), its status, attempts, total latency over its attempts, cost (null when a price is unknown) and
/// expectation outcome (null = not evaluated).
/// </summary>
public sealed record BatchCell(
    int CaseIndex,
    int SettingIndex,
    Guid RunId,
    RunStatus Status,
    string? StatusReason,
    int Attempts,
    long? LatencyMs,
    decimal? CostUsd,
    ExpectationKind? Expectation,
    bool? Passed,
    string? ExpectationReason)
{
    /// <summary>The case's variable values as stored with the run (redacted), for a row label; null when not read.</summary>
    public IReadOnlyDictionary<string, string?>? Variables { get; init; }
}

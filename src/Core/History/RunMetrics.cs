using Workbench.Core.Runs;

namespace Workbench.Core.History;

/// <summary>
/// What a run cost over all its attempts: tokens in and out (estimated when any attempt's were), the summed provider
/// latency, and the cost (null when any attempt's price is unknown, so a partial sum never passes for the total).
/// </summary>
public sealed record RunMetrics(long? InputTokens, long? OutputTokens, bool TokensEstimated, long LatencyMs, decimal? CostUsd, int Attempts)
{
    public static RunMetrics Of(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var attempts = run.Attempts;
        return new RunMetrics(
            attempts.Count == 0 || attempts.Any(a => a.InputTokens is null) ? null : attempts.Sum(a => a.InputTokens!.Value),
            attempts.Count == 0 || attempts.Any(a => a.OutputTokens is null) ? null : attempts.Sum(a => a.OutputTokens!.Value),
            attempts.Any(a => a.TokensEstimated),
            attempts.Sum(a => a.LatencyMs),
            attempts.Count == 0 || attempts.Any(a => a.CostUsd is null) ? null : attempts.Sum(a => a.CostUsd!.Value),
            attempts.Count);
    }
}

namespace Workbench.Core.History;

/// <summary>
/// One setting (provider/model column) of a batch: latency and token summaries over its finished runs that made a
/// request, and their counts per bucket of <see cref="BatchInsights.LatencyBuckets"/> / <see cref="BatchInsights.TokenBuckets"/>.
/// Runs whose token counts are unknown are left out of the token figures and counted in <see cref="RunsWithoutTokens"/>;
/// <see cref="TokensEstimated"/> says when some counts were estimated rather than reported by the provider.
/// </summary>
public sealed record SettingDistribution(
    int SettingIndex,
    string Label,
    DistributionSummary? LatencyMs,
    DistributionSummary? Tokens,
    IReadOnlyList<int> LatencyCounts,
    IReadOnlyList<int> TokenCounts,
    int RunsWithoutTokens,
    bool TokensEstimated);

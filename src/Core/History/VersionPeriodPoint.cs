namespace Workbench.Core.History;

/// <summary>
/// One version's runs in one period: how many finished (valid, repaired, invalid or failed), the share of them that
/// ended schema-valid (null when none finished), and the mean cost of its priced runs (null when none had a known price:
/// unknown, not zero).
/// </summary>
public sealed record VersionPeriodPoint(DateTime PeriodStartUtc, int Finished, double? PassRate, decimal? MeanCostUsd);

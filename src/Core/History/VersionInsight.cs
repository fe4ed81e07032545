namespace Workbench.Core.History;

/// <summary>
/// What a template version's runs came to: <see cref="FirstTry"/> (valid at once), <see cref="Repaired"/> (valid after a
/// repair attempt), <see cref="Failed"/> (invalid or failed), <see cref="Unfinished"/> (cancelled, interrupted, waiting or
/// running: left out of the rates); the pass rate over the finished runs; the mean cost over the runs whose every attempt
/// had a price (<see cref="PricedRuns"/>), null when there is none; <see cref="UnpricedRuns"/> made requests without a
/// known price. <see cref="Points"/> has one entry per period of <see cref="TemplateInsights.Periods"/>.
/// </summary>
public sealed record VersionInsight(
    int Version,
    int Runs,
    int FirstTry,
    int Repaired,
    int Failed,
    int Unfinished,
    double? PassRate,
    decimal? MeanCostUsd,
    int PricedRuns,
    int UnpricedRuns,
    IReadOnlyList<VersionPeriodPoint> Points)
{
    public int Finished => FirstTry + Repaired + Failed;
}

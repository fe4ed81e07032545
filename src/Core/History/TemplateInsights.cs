namespace Workbench.Core.History;

/// <summary>
/// Pass rate, cost and attempts needed per version of one template, over time (<see cref="Periods"/>, oldest first).
/// Built from the newest <see cref="RunInsights.MaxRuns"/> runs; <see cref="Truncated"/> says when there were more.
/// </summary>
public sealed record TemplateInsights(
    string Template,
    int RunCount,
    bool Truncated,
    InsightPeriod Period,
    IReadOnlyList<DateTime> Periods,
    IReadOnlyList<VersionInsight> Versions)
{
    public bool IsEmpty => RunCount == 0;

    public static TemplateInsights Empty(string template) => new(template, 0, false, InsightPeriod.Day, [], []);
}

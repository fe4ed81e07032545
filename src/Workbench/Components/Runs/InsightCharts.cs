using System.Globalization;
using Workbench.Core.History;

namespace Workbench.Components.Runs;

/// <summary>Labels and formats shared by the insight charts (invariant culture, like the rest of the UI's figures).</summary>
public static class InsightCharts
{
    /// <summary>At most this many x-axis labels are written; the others are left blank so they do not overlap.</summary>
    public const int MaxAxisLabels = 12;

    /// <summary>Green / amber / red for first try / repaired / failed, readable on the light and the dark theme.</summary>
    public static readonly string[] OutcomePalette = ["#43a047", "#fb8c00", "#e53935"];

    /// <summary>Distinct hues for versions or models, readable on both themes.</summary>
    public static readonly string[] SeriesPalette = ["#5c6bc0", "#26a69a", "#ec407a", "#ffa726", "#8d6e63", "#29b6f6", "#9ccc65", "#ab47bc"];

    public static string[] PeriodLabels(TemplateInsights insights)
    {
        ArgumentNullException.ThrowIfNull(insights);
        var step = (int)Math.Ceiling(insights.Periods.Count / (double)MaxAxisLabels);
        return insights.Periods
            .Select((p, i) => i % Math.Max(step, 1) == 0 ? (insights.Period == InsightPeriod.Week ? "w/c " : "") + p.ToString("MMM d", CultureInfo.InvariantCulture) : "")
            .ToArray();
    }

    public static string[] BucketLabels(Histogram histogram, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentNullException.ThrowIfNull(format);
        return Enumerable.Range(0, histogram.BucketCount).Select(i => format(histogram.Edges[i]) + "–" + format(histogram.Edges[i + 1])).ToArray();
    }

    public static string Percent(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "—";

    public static string Cost(decimal? cost) => cost is { } c ? "$" + c.ToString("0.######", CultureInfo.InvariantCulture) : "unknown";

    public static string Milliseconds(double ms) =>
        ms >= 10_000 ? (ms / 1000).ToString("0.#", CultureInfo.InvariantCulture) + " s" : ms.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    public static string Number(double value) =>
        value >= 10_000 ? (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k" : value.ToString("N0", CultureInfo.InvariantCulture);
}

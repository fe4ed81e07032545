using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Core.History;

namespace Workbench.Components.Runs;

/// <summary>
/// The charts of a batch (issue 8): latency and token histograms with a series per model (setting), and a box-like
/// summary per model (min / median / p95 / max); a clear empty state without finished runs. Null <see cref="Insights"/>
/// shows a progress bar.
/// </summary>
public partial class BatchInsightsView
{
    private List<ChartSeries<double>> _latency = [];
    private List<ChartSeries<double>> _tokens = [];
    private string[] _latencyLabels = [];
    private string[] _tokenLabels = [];
    private BarChartOptions _latencyOptions = new();
    private BarChartOptions _tokenOptions = new();

    [Parameter] public BatchInsights? Insights { get; set; }

    protected override void OnParametersSet()
    {
        if (Insights is not { IsEmpty: false } insights)
        {
            return;
        }

        _latency = insights.Settings.Select(s => new ChartSeries<double> { Name = s.Label, Data = s.LatencyCounts.Select(c => (double)c).ToArray() }).ToList();
        _tokens = insights.Settings.Select(s => new ChartSeries<double> { Name = s.Label, Data = s.TokenCounts.Select(c => (double)c).ToArray() }).ToList();
        _latencyLabels = insights.LatencyBuckets is { } l ? InsightCharts.BucketLabels(l, InsightCharts.Milliseconds) : [];
        _tokenLabels = insights.TokenBuckets is { } t ? InsightCharts.BucketLabels(t, InsightCharts.Number) : [];
        _latencyOptions = Options(_latencyLabels.Length);
        _tokenOptions = Options(_tokenLabels.Length);
    }

    private static BarChartOptions Options(int buckets) => new()
    {
        ChartPalette = InsightCharts.SeriesPalette,
        YAxisToStringFunc = v => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        YAxisTicks = 1,
        MaxNumYAxisTicks = 6,
        XAxisLabelRotation = buckets > 5 ? 30 : 0,
    };

    private static string Summary(DistributionSummary? summary, Func<double, string> format) =>
        summary is null ? "unknown" : $"{format(summary.Min)} / {format(summary.Median)} / {format(summary.P95)} / {format(summary.Max)}";
}

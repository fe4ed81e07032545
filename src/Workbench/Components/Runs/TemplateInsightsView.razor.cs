using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Core.History;

namespace Workbench.Components.Runs;

/// <summary>
/// The charts of a template (issue 8): pass rate and mean cost per version over time, attempts needed per version,
/// and the same figures as a table; a clear empty state without runs; unknown cost as a gap and "unknown", never 0.
/// Null <see cref="Insights"/> shows a progress bar.
/// </summary>
public partial class TemplateInsightsView
{
    private List<ChartSeries<double>> _passRate = [];
    private List<ChartSeries<double>> _cost = [];
    private List<ChartSeries<double>> _attempts = [];
    private string[] _periodLabels = [];
    private string[] _versionLabels = [];
    private LineChartOptions _passRateOptions = new();
    private LineChartOptions _costOptions = new();
    private StackedBarChartOptions _attemptOptions = new();

    // One period draws no line: bars then, with bar options (a chart refuses options of another type).
    private BarChartOptions _passRateBarOptions = new();
    private BarChartOptions _costBarOptions = new();

    [Parameter] public TemplateInsights? Insights { get; set; }

    protected override void OnParametersSet()
    {
        if (Insights is not { IsEmpty: false } insights)
        {
            return;
        }

        _periodLabels = InsightCharts.PeriodLabels(insights);
        _versionLabels = insights.Versions.Select(v => "v" + v.Version).ToArray();
        _passRate = insights.Versions
            .Select(v => new ChartSeries<double> { Name = "v" + v.Version, Data = v.Points.Select(p => p.PassRate * 100).ToArray() })
            .ToList();
        _cost = insights.Versions
            .Select(v => new ChartSeries<double> { Name = "v" + v.Version, Data = v.Points.Select(p => p.MeanCostUsd is { } c ? (double?)(double)c : null).ToArray() })
            .ToList();
        _attempts =
        [
            new() { Name = "First try", Data = insights.Versions.Select(v => (double)v.FirstTry).ToArray() },
            new() { Name = "Repaired", Data = insights.Versions.Select(v => (double)v.Repaired).ToArray() },
            new() { Name = "Failed", Data = insights.Versions.Select(v => (double)v.Failed).ToArray() },
        ];
        var rotate = insights.Periods.Count > 6 ? 45 : 0;
        _passRateOptions = new LineChartOptions
        {
            ChartPalette = InsightCharts.SeriesPalette,
            YAxisTicks = 25,
            YAxisSuggestedMax = 100,
            YAxisToStringFunc = v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " %",
            XAxisLabelRotation = rotate,
            ShowDataMarkers = true,
        };
        _costOptions = new LineChartOptions
        {
            ChartPalette = InsightCharts.SeriesPalette,
            YAxisToStringFunc = v => "$" + v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
            XAxisLabelRotation = rotate,
            ShowDataMarkers = true,
        };
        _passRateBarOptions = new BarChartOptions
        {
            ChartPalette = InsightCharts.SeriesPalette,
            YAxisTicks = 25,
            YAxisSuggestedMax = 100,
            YAxisToStringFunc = _passRateOptions.YAxisToStringFunc,
        };
        _costBarOptions = new BarChartOptions
        {
            ChartPalette = InsightCharts.SeriesPalette,
            YAxisToStringFunc = _costOptions.YAxisToStringFunc,
        };
        _attemptOptions = new StackedBarChartOptions
        {
            ChartPalette = InsightCharts.OutcomePalette,
            YAxisToStringFunc = v => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

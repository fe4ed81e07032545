using System.Globalization;
using Microsoft.AspNetCore.Components;
using Workbench.Core.Batches;
using Workbench.Core.History;
using Workbench.Core.Templates;

namespace Workbench.Components.Pages.Runs;

/// <summary>Batch vs batch (<c>/batches/compare?left=…&amp;right=…</c>): per case, regressions and fixes, with pass rate, cost and latency of each side.</summary>
public partial class BatchComparePage : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private BatchComparison? _comparison;
    private BatchSummary? _left;
    private BatchSummary? _right;
    private IReadOnlyList<TemplateProblem> _problems = [];
    private bool _loading = true;

    [SupplyParameterFromQuery(Name = "left")] public string? LeftParameter { get; set; }

    [SupplyParameterFromQuery(Name = "right")] public string? RightParameter { get; set; }

    [Inject] public required BatchComparer Comparer { get; init; }

    [Inject] public required BatchService Batches { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _comparison = null;
        if (!Guid.TryParse(LeftParameter, out var left) || !Guid.TryParse(RightParameter, out var right))
        {
            _problems = [new TemplateProblem("left", "Name two batches by id (the left and right parameters).")];
        }
        else
        {
            var result = await Comparer.CompareAsync(left, right, _lifetime.Token);
            _problems = result.Problems;
            _comparison = result.Value;
            if (_comparison is not null)
            {
                _left = await Batches.GetAsync(left, _lifetime.Token);
                _right = await Batches.GetAsync(right, _lifetime.Token);
            }
        }

        _loading = false;
    }

    private static string BatchName(BatchSummary? batch) => batch is null ? "" : $"{batch.Template} v{batch.TemplateVersion}";

    /// <summary>The setting (provider / model column) of a row, named after the first batch's setting, or its number.</summary>
    private string SettingName(int index)
    {
        var setting = (_left?.Settings ?? []).FirstOrDefault(s => s.Index == index);
        return setting is null || (setting.Provider is null && setting.Model is null)
            ? (index + 1).ToString(CultureInfo.InvariantCulture)
            : $"{setting.Provider ?? "default"} / {setting.Model ?? "default"}";
    }

    private static string Percent(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "—";

    private static string Cost(decimal? cost) => cost is { } c ? "$" + c.ToString("0.####", CultureInfo.InvariantCulture) : "unknown";

    private static string Latency(double? ms) => ms is { } m ? m.ToString("N0", CultureInfo.InvariantCulture) + " ms" : "—";

    private static string PassText(bool? passed) => passed switch
    {
        true => "pass",
        false => "fail",
        null => "—",
    };

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

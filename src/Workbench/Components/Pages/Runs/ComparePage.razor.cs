using System.Globalization;
using Microsoft.AspNetCore.Components;
using Workbench.Core.History;
using Workbench.Core.Runs;

namespace Workbench.Components.Pages.Runs;

/// <summary>
/// Side-by-side comparison of 2 to 4 stored runs (<c>/compare?runs=a,b,c</c>): rendered prompt, settings, output,
/// validation, attempts, tokens, latency and cost. The diff toggle compares every column with the first: word-level text
/// and, for JSON outputs, a structural diff by path. A pass in the first column and a fail elsewhere is a regression.
/// </summary>
public partial class ComparePage : IDisposable
{
    public const int MinRuns = 2;

    public const int MaxRuns = 4;

    private readonly CancellationTokenSource _lifetime = new();
    private List<CompareColumn> _columns = [];
    private string? _loadedFor;
    private string? _problem;
    private bool _loading = true;
    private bool _diff;

    [SupplyParameterFromQuery(Name = "runs")] public string? RunsParameter { get; set; }

    [SupplyParameterFromQuery(Name = "diff")] public string? DiffParameter { get; set; }

    [Inject] public required RunStore Store { get; init; }

    [Inject] public required RunHistory History { get; init; }

    [Inject] public required VerdictService Verdicts { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == RunsParameter && !_loading)
        {
            return;
        }

        _loadedFor = RunsParameter;
        _loading = true;
        _diff = DiffParameter is "1" or "true";
        var (ids, problem) = ParseIds(RunsParameter);
        _problem = problem;
        _columns = [];
        if (problem is null)
        {
            var verdicts = await Verdicts.LatestAsync(ids, _lifetime.Token);
            foreach (var id in ids)
            {
                var record = await Store.GetAsync(id, _lifetime.Token);
                var inputs = record is null ? null : await History.GetInputsAsync(id, _lifetime.Token);
                _columns.Add(new CompareColumn(id, record, inputs, verdicts.GetValueOrDefault(id)));
            }
        }

        _loading = false;
    }

    /// <summary>The run ids of the <c>runs</c> parameter, or why they cannot be compared (what and where).</summary>
    public static (IReadOnlyList<Guid> Ids, string? Problem) ParseIds(string? runs)
    {
        var parts = (runs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = new List<Guid>();
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id))
            {
                return ([], $"\"{(part.Length > 40 ? part[..40] + "…" : part)}\" in the runs parameter is not a run id.");
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids.Count switch
        {
            < MinRuns => ([], string.Create(CultureInfo.InvariantCulture, $"Pick {MinRuns} to {MaxRuns} runs to compare (the link names {ids.Count}).")),
            > MaxRuns => ([], string.Create(CultureInfo.InvariantCulture, $"At most {MaxRuns} runs can be compared side by side (the link names {ids.Count}).")),
            _ => (ids, null),
        };
    }

    private OutcomeChange? Change(int index) =>
        _columns[0].Record is { } baseline && _columns[index].Record is { } other ? RunOutcomes.Compare(baseline.Status, other.Status) : null;

    private string? Differs<T>(int index, Func<CompareColumn, T> value) =>
        index > 0 && _columns[0].Record is not null && !EqualityComparer<T>.Default.Equals(value(_columns[0]), value(_columns[index])) ? "compare-differs" : null;

    private string? DiffersSetting(int index, string name, string value)
    {
        if (index == 0 || _columns[0].Record is null)
        {
            return null;
        }

        var baseline = _columns[0].Settings.FirstOrDefault(s => s.Name == name);
        return baseline.Name is null || !string.Equals(baseline.Value, value, StringComparison.Ordinal) ? "compare-differs" : null;
    }

    private static string Tokens(RunMetrics metrics) =>
        metrics.InputTokens is null && metrics.OutputTokens is null
            ? "unknown"
            : string.Create(CultureInfo.InvariantCulture, $"{metrics.InputTokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} / {metrics.OutputTokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"}{(metrics.TokensEstimated ? " (estimated)" : "")}");

    private static string Cost(decimal? cost) =>
        cost is { } value ? "$" + value.ToString("0.######", CultureInfo.InvariantCulture) : "unknown price";

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Components.Runs;
using Workbench.Core.Batches;
using Workbench.Core.History;
using Workbench.Core.Providers;
using Workbench.Core.Templates;
using Workbench.Security;

namespace Workbench.Components.Pages.Batches;

/// <summary>
/// One batch: header, progress bar with counts and ETA, cancel, and the case × setting results matrix (ADR-015).
/// While the batch executes on this node, progress reports from the <see cref="BatchNotifier"/> refresh the page (cells
/// fill in as runs finish); after the fact it reads what is stored. Unknown ids get an empty state.
/// </summary>
public partial class BatchDetail : IDisposable
{
    /// <summary>How many runs can be compared at once.</summary>
    public const int MaxCompared = 4;

    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<Guid> _selected = [];
    private BatchSummary? _summary;
    private BatchMatrix? _matrix;
    private BatchInsights? _insights;
    private BatchProgress? _progress;
    private Dictionary<(int Case, int Setting), BatchCell> _cells = [];
    private IDisposable? _subscription;
    private Guid? _templateId;
    private Guid _loadedFor;
    private bool _loading = true;
    private bool _cancelling;
    private int _refreshState; // 0 idle, 1 refreshing, 2 refreshing and another requested
    private bool _disposed;

    [Parameter] public Guid BatchId { get; set; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required BatchService Batches { get; init; }

    [Inject] public required BatchNotifier Notifier { get; init; }

    [Inject] public required RunInsights Insights { get; init; }

    [Inject] public required ProviderCatalog Catalog { get; init; }

    [Inject] public required TemplateService Templates { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    private bool IsActive => _summary is { Status: BatchStatus.Queued or BatchStatus.Running };

    private string CompareHref => "compare?runs=" + string.Join(",", _selected);

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == BatchId && !_loading)
        {
            return;
        }

        _loadedFor = BatchId;
        _subscription?.Dispose();
        _subscription = null;
        _selected.Clear();
        _progress = null;
        _loading = true;
        // Subscribe first: a report that arrives while loading triggers a refresh rather than being missed.
        _subscription = Notifier.Subscribe(BatchId, OnProgress);
        await LoadAsync();
        _loading = false;
        if (_summary is null || !IsActive)
        {
            _subscription?.Dispose();
            _subscription = null;
        }

        if (_summary is not null)
        {
            _templateId = (await Templates.FindByNameAsync(_summary.Template, _lifetime.Token))?.Id;
        }
    }

    private async Task LoadAsync()
    {
        var summary = await Batches.GetAsync(BatchId, _lifetime.Token);
        var matrix = summary is null ? null : await Batches.GetMatrixAsync(BatchId, _lifetime.Token);
        // The charts are read once the batch is final, not on every progress report.
        var insights = summary is { Status: not (BatchStatus.Queued or BatchStatus.Running) }
            ? await Insights.GetBatchAsync(BatchId, _lifetime.Token)
            : null;
        _summary = summary;
        _matrix = matrix;
        _insights = insights;
        _cells = matrix?.Cells.ToDictionary(c => (c.CaseIndex, c.SettingIndex)) ?? [];
    }

    private void OnProgress(BatchProgress progress)
    {
        _progress = progress;
        RequestRefresh();
    }

    /// <summary>Coalesces refreshes: reports arriving while one refresh reads the store cost one more refresh, not one each.</summary>
    private void RequestRefresh()
    {
        if (_disposed)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _refreshState, 1, 0) != 0)
        {
            Interlocked.Exchange(ref _refreshState, 2);
            return;
        }

        _ = InvokeAsync(RefreshLoopAsync);
    }

    private async Task RefreshLoopAsync()
    {
        try
        {
            do
            {
                Volatile.Write(ref _refreshState, 1);
                if (_disposed)
                {
                    return;
                }

                await LoadAsync();
                if (!IsActive)
                {
                    _subscription?.Dispose();
                    _subscription = null;
                }

                StateHasChanged();
            }
            while (Interlocked.CompareExchange(ref _refreshState, 0, 1) == 2);
        }
        catch (OperationCanceledException) when (_disposed)
        {
            // the page was left
        }
    }

    private async Task CancelAsync()
    {
        if (_cancelling || _summary is null || !await Authorization.DemandAsync(Policies.CanEdit, "cancel a batch"))
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Cancel this batch?",
            $"Runs that have not started are stored as cancelled; runs in progress stop and keep what arrived. Finished runs are kept. ({_summary.Completed} of {_summary.Total} done.)",
            yesText: "Cancel batch",
            cancelText: "Keep running");
        if (confirmed != true)
        {
            return;
        }

        _cancelling = true;
        try
        {
            await Batches.CancelAsync(BatchId, _lifetime.Token);
            await LoadAsync();
        }
        finally
        {
            _cancelling = false;
        }
    }

    private void ToggleSelected(Guid runId, bool selected)
    {
        if (selected && !_selected.Contains(runId) && _selected.Count < MaxCompared)
        {
            _selected.Add(runId);
        }
        else if (!selected)
        {
            _selected.Remove(runId);
        }
    }

    private BatchCell? CellAt(int caseIndex, int settingIndex) => _cells.GetValueOrDefault((caseIndex, settingIndex));

    /// <summary>The comparison of one case's runs over every setting (2 to <see cref="MaxCompared"/> of them), or null.</summary>
    private string? RowCompareHref(int caseIndex)
    {
        var runs = Enumerable.Range(0, _matrix?.Settings.Count ?? 0).Select(s => CellAt(caseIndex, s)?.RunId).OfType<Guid>().ToList();
        return runs.Count is >= 2 and <= MaxCompared ? "compare?runs=" + string.Join(",", runs) + "&diff=1" : null;
    }

    private bool IsSimulated(BatchSetting setting) => setting.Provider is { } provider && Catalog.Find(provider)?.IsSimulated == true;

    internal static string SettingLabel(BatchSetting setting) =>
        setting.Provider is null && setting.Model is null ? "version's setting" : $"{setting.Provider ?? "version's provider"} / {setting.Model ?? "version's model"}";

    internal static string PassRate(BatchSettingSummary? setting) => setting?.PassRate is { } rate
        ? string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0}% passed ({setting.Passed}/{setting.Evaluated})")
        : "no results yet";

    /// <summary>The case's values as "name: value · name: value", each shortened.</summary>
    internal static string CaseSummary(IReadOnlyDictionary<string, string?>? variables)
    {
        if (variables is null || variables.Count == 0)
        {
            return "(no values)";
        }

        return string.Join(" · ", variables.Select(v => $"{v.Key}: {Shorten(v.Value ?? "", 60)}"));
    }

    internal static string Shorten(string text, int length)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= length ? flat : string.Concat(flat.AsSpan(0, length - 1), "…");
    }

    private static string ExpectationLabel(ExpectationKind? kind) => kind is { } k ? TestCaseExpectation.NameOf(k) : "schema-valid";

    private string? Eta()
    {
        if (!IsActive)
        {
            return null;
        }

        return _progress?.EstimatedRemaining is { } remaining
            ? "about " + Span(remaining) + " left"
            : "estimating time left…";
    }

    internal static string Span(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => "<1 s",
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
    };

    private string? DurationText()
    {
        if (_summary?.StartedAtUtc is not { } started)
        {
            return null;
        }

        var end = _summary.FinishedAtUtc ?? Time.GetUtcNow().UtcDateTime;
        return Span(end - started);
    }

    /// <summary>Total cost of the finished runs; "unknown" when any finished run has an unknown price.</summary>
    private string TotalCost()
    {
        var finished = _matrix?.Cells.Where(c => c.Attempts > 0).ToList() ?? [];
        if (finished.Count == 0)
        {
            return "$0";
        }

        return finished.Any(c => c.CostUsd is null) ? "unknown" : AttemptTimeline.Cost(finished.Sum(c => c.CostUsd!.Value));
    }

    private double Percent => _summary is { Total: > 0 } s ? 100.0 * s.Completed / s.Total : 0;

    private static Color StatusColor(BatchStatus status) => status switch
    {
        BatchStatus.Completed => Color.Success,
        BatchStatus.Cancelled => Color.Default,
        BatchStatus.Interrupted => Color.Warning,
        _ => Color.Info,
    };

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _subscription?.Dispose();
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

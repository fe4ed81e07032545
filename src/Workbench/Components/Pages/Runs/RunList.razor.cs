using System.Globalization;
using Microsoft.AspNetCore.Components;
using Workbench.Components.Runs;
using Workbench.Core.History;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Templates;

namespace Workbench.Components.Pages.Runs;

/// <summary>
/// The run history (<c>/runs</c>): stored runs filtered, sorted and paged on the server, with the view in the query
/// string (a link reproduces it; back and forward move through views). Pick 2–4 runs with the check boxes and
/// Compare. Refreshed when any run changes status.
/// </summary>
public partial class RunList : IDisposable
{
    internal const int MaxCompare = 4;

    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private static readonly RunStatus[] FilterStatuses = [RunStatus.Valid, RunStatus.Repaired, RunStatus.Invalid, RunStatus.Failed, RunStatus.Cancelled, RunStatus.Interrupted, RunStatus.Queued, RunStatus.Running];

    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<Guid> _selected = [];
    private RunHistoryQuery _query = new();
    private RunHistoryPage? _page;
    private IReadOnlyList<string> _ignored = [];
    private IReadOnlyList<TemplateProblem> _problems = [];
    private IDisposable? _subscription;
    private string? _loadedUrl;
    private int _reloadQueued;
    private bool _moreFilters;
    private bool _loading;
    private bool _disposed;

    [SupplyParameterFromQuery(Name = "template")] public string? TemplateParameter { get; set; }

    [SupplyParameterFromQuery(Name = "version")] public string? VersionParameter { get; set; }

    [SupplyParameterFromQuery(Name = "label")] public string? LabelParameter { get; set; }

    [SupplyParameterFromQuery(Name = "provider")] public string? ProviderParameter { get; set; }

    [SupplyParameterFromQuery(Name = "model")] public string? ModelParameter { get; set; }

    [SupplyParameterFromQuery(Name = "status")] public string? StatusParameter { get; set; }

    [SupplyParameterFromQuery(Name = "batch")] public string? BatchParameter { get; set; }

    [SupplyParameterFromQuery(Name = "from")] public string? FromParameter { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? ToParameter { get; set; }

    [SupplyParameterFromQuery(Name = "author")] public string? AuthorParameter { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? TextParameter { get; set; }

    [SupplyParameterFromQuery(Name = "verdict")] public string? VerdictParameter { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? SortParameter { get; set; }

    [SupplyParameterFromQuery(Name = "dir")] public string? DirectionParameter { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageParameter { get; set; }

    [SupplyParameterFromQuery(Name = "size")] public string? SizeParameter { get; set; }

    [Inject] public required RunHistory History { get; init; }

    [Inject] public required RunNotifier Notifier { get; init; }

    [Inject] public required ProviderCatalog Catalog { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private RunHistoryFacets Facets { get; set; } = new([], [], [], [], []);

    private bool HasFilter =>
        _query.Template is not null || _query.Version is not null || _query.Provider is not null || _query.Model is not null || _query.Statuses.Count > 0
        || _query.BatchId is not null || _query.Text is not null || HasSecondaryFilter;

    private bool HasSecondaryFilter => _query.Label is not null || _query.Author is not null || _query.Verdict is not null || _query.FromUtc is not null || _query.ToUtc is not null;

    private bool CanCompare => _selected.Count is >= 2 and <= MaxCompare;

    private string? CompareUrl => CanCompare ? "compare?runs=" + string.Join(',', _selected) : null;

    private int PageCount => _page is null ? 0 : (int)Math.Ceiling(_page.Total / (double)_query.PageSize);

    /// <summary>The total, or "1,000+" when a search stopped counting (<see cref="RunHistoryPage.TotalIsLowerBound"/>).</summary>
    private string TotalText => _page is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{_page.Total:N0}{(_page.TotalIsLowerBound ? "+" : "")}");

    private string RangeText
    {
        get
        {
            if (_page is null || _page.Rows.Count == 0)
            {
                return _page is null ? "" : string.Create(CultureInfo.InvariantCulture, $"Nothing on page {_query.Page + 1} of {TotalText} runs");
            }

            var first = (_query.Page * _query.PageSize) + 1;
            return string.Create(CultureInfo.InvariantCulture, $"{first:N0}–{first + _page.Rows.Count - 1:N0} of {TotalText}");
        }
    }

    private string? FromText => _query.FromUtc?.ToString(RunHistoryUrl.DateFormat, CultureInfo.InvariantCulture);

    private string? ToText => _query.ToUtc?.AddDays(-1).ToString(RunHistoryUrl.DateFormat, CultureInfo.InvariantCulture);

    protected override async Task OnInitializedAsync()
    {
        _subscription = Notifier.SubscribeToStatusChanges(change =>
        {
            if (!_disposed && Interlocked.Exchange(ref _reloadQueued, 1) == 0)
            {
                _ = InvokeAsync(ReloadAsync);
            }
        });
        Facets = await History.GetFacetsAsync(_lifetime.Token);
    }

    protected override async Task OnParametersSetAsync()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["template"] = TemplateParameter,
            ["version"] = VersionParameter,
            ["label"] = LabelParameter,
            ["provider"] = ProviderParameter,
            ["model"] = ModelParameter,
            ["status"] = StatusParameter,
            ["batch"] = BatchParameter,
            ["from"] = FromParameter,
            ["to"] = ToParameter,
            ["author"] = AuthorParameter,
            ["q"] = TextParameter,
            ["verdict"] = VerdictParameter,
            ["sort"] = SortParameter,
            ["dir"] = DirectionParameter,
            ["page"] = PageParameter,
            ["size"] = SizeParameter,
        };
        var url = string.Join('&', values.Select(v => v.Key + "=" + v.Value));
        if (url == _loadedUrl)
        {
            return;
        }

        _loadedUrl = url;
        (_query, _ignored) = RunHistoryUrl.Parse(name => values.GetValueOrDefault(name));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var result = await History.QueryAsync(_query, _lifetime.Token);
            _problems = result.Problems;
            _page = result.Succeeded ? result.Value : RunHistoryPage.Empty(_query.PageSize);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task ReloadAsync()
    {
        Volatile.Write(ref _reloadQueued, 0);
        if (_disposed)
        {
            return;
        }

        await LoadAsync();
        Facets = await History.GetFacetsAsync(_lifetime.Token);
        StateHasChanged();
    }

    /// <summary>Puts a new view in the URL (which loads it); any change but paging goes back to the first page.</summary>
    private Task ApplyAsync(RunHistoryQuery query, bool keepPage = false)
    {
        if (!keepPage)
        {
            query = query with { Page = 0 };
        }

        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(RunHistoryUrl.ToParameters(query)));
        return Task.CompletedTask;
    }

    private Task OnTextChanged(string? text) => ApplyAsync(_query with { Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });

    private Task OnFromChanged(string? text) => ApplyAsync(_query with { FromUtc = Day(text) });

    private Task OnToChanged(string? text) => ApplyAsync(_query with { ToUtc = Day(text)?.AddDays(1) });

    private Task SortAsync(RunHistorySort column) =>
        ApplyAsync(_query with { Sort = column, Descending = _query.Sort != column || !_query.Descending });

    private Task ClearFiltersAsync() =>
        ApplyAsync(new RunHistoryQuery { Sort = _query.Sort, Descending = _query.Descending, PageSize = _query.PageSize });

    private void Toggle(Guid id, bool on)
    {
        if (on && !_selected.Contains(id) && _selected.Count < MaxCompare)
        {
            _selected.Add(id);
        }
        else if (!on)
        {
            _selected.Remove(id);
        }
    }

    private void ClearSelection() => _selected.Clear();

    private bool IsSimulated(string? provider) => provider is not null && Catalog.Find(provider)?.IsSimulated == true;

    private static string StatusName(RunStatus status) => status == RunStatus.Repaired ? "repaired" : RunStatusChip.Describe(status, 0);

    private static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text, RunHistoryUrl.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? DateTime.SpecifyKind(day, DateTimeKind.Utc)
            : null;

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

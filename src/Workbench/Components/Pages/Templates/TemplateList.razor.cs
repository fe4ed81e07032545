using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Core.Templates;

namespace Workbench.Components.Pages.Templates;

public partial class TemplateList : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<TemplateSummary>? _templates;
    private IReadOnlyList<string> _tags = [];

    [Inject] public required TemplateService Templates { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    // Filter state lives in the URL so a link reproduces the view.
    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "tag")] public string? Tag { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? SortKey { get; set; }

    private bool HasFilter => !string.IsNullOrWhiteSpace(Search) || !string.IsNullOrWhiteSpace(Tag);

    protected override async Task OnParametersSetAsync()
    {
        SortKey ??= "updated";
        var sort = SortKey == "name" ? TemplateSort.Name : TemplateSort.RecentlyUpdated;
        _templates = await Templates.ListAsync(new TemplateQuery(Search, Tag, sort), _cts.Token);
        _tags = await Templates.ListTagsAsync(_cts.Token);
    }

    internal static string Slug(string name) => string.Concat(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-'));

    private void OnSearchChanged(string? value) => NavigateWith(value, Tag, SortKey);

    private void OnSortChanged(string value) => NavigateWith(Search, Tag, value);

    private void OnTagChanged(string? value) => NavigateWith(Search, value, SortKey);

    private void NavigateWith(string? search, string? tag, string? sort) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["q"] = string.IsNullOrWhiteSpace(search) ? null : search,
            ["tag"] = string.IsNullOrWhiteSpace(tag) ? null : tag,
            ["sort"] = sort == "updated" ? null : sort,
        }));

    private async Task OpenNewTemplateAsync(ExampleTemplate? example)
    {
        var parameters = new DialogParameters<TemplateDetailsDialog> { { d => d.Example, example } };
        var dialog = await Dialogs.ShowAsync<TemplateDetailsDialog>(example is null ? "New template" : $"New template from “{example.Name}”", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: TemplateSummary created })
        {
            Navigation.NavigateTo($"templates/{created.Id}");
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}

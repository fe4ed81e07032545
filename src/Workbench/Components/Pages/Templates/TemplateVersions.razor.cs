using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Core.Export;
using Workbench.Core.History;
using Workbench.Core.Templates;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Templates;

/// <summary>Version history: labels, label moves, diff between any two versions, restore as new version, export of validated versions.</summary>
public partial class TemplateVersions : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<int> _selected = [];
    private TemplateSummary? _template;
    private IReadOnlyList<TemplateVersionInfo> _versions = [];
    private IReadOnlyList<LabelInfo> _labels = [];
    private IReadOnlyList<LabelMoveInfo> _moves = [];
    private readonly Dictionary<int, ExportReadiness> _readiness = [];
    private (int Left, int Right)? _compare;
    private string? _loadError;
    private TemplateInsights? _insights;

    [Parameter] public Guid TemplateId { get; set; }

    [Inject] public required TemplateService Templates { get; init; }

    [Inject] public required ExportService Export { get; init; }

    [Inject] public required RunInsights Insights { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        if (_compare is null && _versions.Count >= 2)
        {
            Compare(_versions[1].Number, _versions[0].Number);
        }
    }

    private async Task LoadAsync()
    {
        var token = _lifetime.Token;
        _template = await Templates.GetAsync(TemplateId, token);
        if (_template is null)
        {
            _loadError = "This template does not exist (it may have been deleted).";
            return;
        }

        _versions = await Templates.ListVersionsAsync(TemplateId, token);
        _labels = await Templates.ListLabelsAsync(TemplateId, token);
        _moves = await Templates.ListLabelMovesAsync(TemplateId, token);
        _insights = await Insights.GetTemplateAsync(_template.Name, token);
        _readiness.Clear();
        foreach (var version in _versions)
        {
            _readiness[version.Number] = await Export.CheckAsync(version, token);
        }
    }

    private static Dictionary<ExportFormat, IReadOnlyList<ExportBlocker>> FormatBlockersFor(TemplateVersionInfo version) =>
        ExportFormats.All.ToDictionary(f => f, f => ExportService.FormatBlockers(version.Content, f));

    private TemplateVersionInfo? Version(int number) => _versions.FirstOrDefault(v => v.Number == number);

    private void ToggleSelected(int number, bool selected)
    {
        _selected.Remove(number);
        if (selected)
        {
            _selected.Add(number);
            if (_selected.Count > 2)
            {
                _selected.RemoveAt(0);
            }
        }

        if (_selected.Count == 2)
        {
            Compare(_selected.Min(), _selected.Max());
        }
    }

    private void Compare(int left, int right)
    {
        _compare = (left, right);
        _selected.Clear();
        _selected.AddRange([left, right]);
    }

    private async Task SetLabelAsync(int number)
    {
        var parameters = new DialogParameters<SetLabelDialog> { { d => d.VersionNumber, number }, { d => d.Existing, _labels } };
        var dialog = await Dialogs.ShowAsync<SetLabelDialog>($"Label v{number}", parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string label } || !await Authorization.DemandAsync(Policies.ForLabel(label), $"move the label “{label}”"))
        {
            return;
        }

        var result = await Templates.SetLabelAsync(TemplateId, label, number, User.Name, _lifetime.Token);
        if (result.Succeeded)
        {
            Snackbar.Add($"{label} → v{number}", Severity.Success);
        }
        else
        {
            Snackbar.Add(string.Join(" ", result.Problems.Select(p => p.Message)), Severity.Error);
        }

        await LoadAsync();
    }

    private async Task RemoveLabelAsync(string label)
    {
        if (!await Authorization.DemandAsync(Policies.ForLabel(label), $"remove the label “{label}”"))
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync($"Remove the label “{label}”?", "The versions stay as they are; only the pointer is removed (and the removal is recorded).", yesText: "Remove", cancelText: "Cancel");
        if (confirmed == true)
        {
            await Templates.RemoveLabelAsync(TemplateId, label, User.Name, _lifetime.Token);
            await LoadAsync();
        }
    }

    private async Task RestoreAsync(int number)
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "restore versions"))
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync($"Restore v{number}?", $"A new version v{_template!.LatestVersionNumber + 1} is created with the content of v{number}. History is kept; nothing is deleted.", yesText: "Restore", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        switch (await Templates.RestoreAsNewVersionAsync(TemplateId, number, User.Name, _lifetime.Token))
        {
            case SaveVersionOutcome.Saved saved:
                Snackbar.Add($"Restored v{number} as v{saved.Version.Number}.", Severity.Success);
                break;
            case SaveVersionOutcome.Conflict conflict:
                Snackbar.Add($"v{conflict.Latest.Number} was saved meanwhile; try again.", Severity.Warning);
                break;
            case SaveVersionOutcome.Rejected rejected:
                Snackbar.Add(string.Join(" ", rejected.Problems.Select(p => p.ToString())), Severity.Error);
                break;
            default:
                Snackbar.Add("The version no longer exists.", Severity.Error);
                break;
        }

        await LoadAsync();
        if (_versions.Count >= 2)
        {
            Compare(number, _versions[0].Number);
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

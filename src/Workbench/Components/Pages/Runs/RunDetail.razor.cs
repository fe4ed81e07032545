using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Components.Runs;
using Workbench.Core.History;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Templates;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Runs;

/// <summary>
/// One stored run (redacted, as in the database) with its attempt timeline. A run still executing on this node is
/// followed live through the <see cref="RunNotifier"/> until it is stored. Unknown ids get an empty state.
/// </summary>
public partial class RunDetail : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private RunRecord? _record;
    private LiveRun? _live;
    private IDisposable? _subscription;
    private Guid? _templateId;
    private bool _loading = true;
    private bool _busy;
    private bool _hasPlaceholders;
    private bool _hasDraft;
    private string? _actionProblem;
    private int _renderQueued;
    private bool _disposed;

    [Parameter] public Guid RunId { get; set; }

    [Inject] public required RunStore Store { get; init; }

    [Inject] public required RunNotifier Notifier { get; init; }

    [Inject] public required RunService Runs { get; init; }

    [Inject] public required ProviderCatalog Catalog { get; init; }

    [Inject] public required TemplateService Templates { get; init; }

    [Inject] public required RunHistory History { get; init; }

    [Inject] public required RunReplay Replay { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private bool IsActive => _record is { Status: RunStatus.Queued or RunStatus.Running };

    private RunView View
    {
        get
        {
            var simulated = _record?.Provider is { } provider && Catalog.Find(provider)?.IsSimulated == true;
            return IsActive && _live is not null && RunView.FromLive(_live, simulated) is { } live && (live.Attempts.Count > 0 || live.Current is not null)
                ? live
                : RunView.FromRecord(_record!, simulated);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        _subscription = null;
        _live = null;
        _loading = true;
        _record = await Store.GetAsync(RunId, _lifetime.Token);
        if (IsActive)
        {
            Follow(RunId);
        }

        if (_record is not null)
        {
            var templates = await Templates.ListAsync(new TemplateQuery(_record.Template), _lifetime.Token);
            _templateId = templates.FirstOrDefault(t => string.Equals(t.Name, _record.Template, StringComparison.OrdinalIgnoreCase))?.Id;
            var inputs = await History.GetInputsAsync(RunId, _lifetime.Token);
            _hasPlaceholders = inputs is not null && RunReplay.HasPlaceholders(inputs);
            _hasDraft = _templateId is { } id && await Templates.GetDraftAsync(id, User.Name, _lifetime.Token) is not null;
        }

        _loading = false;
    }

    private void Follow(Guid id)
    {
        var live = new LiveRun([]);
        _live = live;
        _subscription = Notifier.Subscribe(id, report =>
        {
            live.Apply(report);
            if (report.Kind == RunProgressKind.Stored)
            {
                _ = InvokeAsync(() => ReloadAsync(id));
            }
            else if (!_disposed && Interlocked.Exchange(ref _renderQueued, 1) == 0)
            {
                _ = InvokeAsync(() =>
                {
                    Volatile.Write(ref _renderQueued, 0);
                    if (!_disposed)
                    {
                        StateHasChanged();
                    }
                });
            }
        });
    }

    private async Task ReloadAsync(Guid id)
    {
        if (_disposed || id != RunId)
        {
            return;
        }

        _record = await Store.GetAsync(id, _lifetime.Token);
        if (!IsActive)
        {
            _subscription?.Dispose();
            _subscription = null;
        }

        StateHasChanged();
    }

    /// <summary>Writes the user's draft from this run (version, provider, model, stored values) and opens the editor.</summary>
    private async Task OpenInEditorAsync()
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "open a run in the editor"))
        {
            return;
        }

        if (_hasDraft)
        {
            var replace = await Dialogs.ShowMessageBoxAsync(
                "Replace your draft?",
                "You have unsaved changes to this template. Opening this run in the editor replaces them with the run's version, settings and values.",
                yesText: "Replace draft", cancelText: "Keep my draft");
            if (replace != true)
            {
                return;
            }
        }

        _busy = true;
        try
        {
            var result = await Replay.OpenInEditorAsync(RunId, User.Name, _lifetime.Token);
            if (!result.Succeeded)
            {
                _actionProblem = string.Join(" ", result.Problems.Select(p => p.Message));
                return;
            }

            Snackbar.Add(_hasPlaceholders
                ? "Draft created from this run. Its stored values are redacted: replace the placeholders before running."
                : "Draft created from this run's version, settings and values.", _hasPlaceholders ? Severity.Warning : Severity.Success);
            Navigation.NavigateTo($"templates/{result.Value}?tab=run");
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Runs the same version and settings again; with placeholders in the stored values the user chooses first.</summary>
    private async Task RerunAsync()
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "re-run a run"))
        {
            return;
        }

        if (_hasPlaceholders)
        {
            var choice = await Dialogs.ShowMessageBoxAsync(
                "Re-run with redacted values?",
                "The stored values of this run contain redaction placeholders such as [EMAIL#1]. A re-run sends them as written, not the original text. To send real values, open the run in the editor and fill them in on the Run tab.",
                yesText: "Re-run with placeholders", noText: "Open in editor", cancelText: "Cancel");
            if (choice == false)
            {
                await OpenInEditorAsync();
                return;
            }

            if (choice != true)
            {
                return;
            }
        }

        _busy = true;
        try
        {
            var result = await Replay.RerunAsync(RunId, User.Name, _lifetime.Token);
            if (!result.Succeeded)
            {
                _actionProblem = string.Join(" ", result.Problems.Select(p => p.Message));
                return;
            }

            _actionProblem = null;
            Navigation.NavigateTo($"runs/{result.Value}");
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CancelAsync()
    {
        await Runs.CancelAsync(RunId, _lifetime.Token);
        await ReloadAsync(RunId);
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

using System.Data.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using MudBlazor;
using Workbench.Components.Pages.Batches;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Templates;

/// <summary>
/// The template editor. Edits live in a per-user server-side draft (saved shortly after each change), so a reload,
/// a dropped connection or navigating away loses nothing; "Save version" turns the draft into an immutable version,
/// or reports a conflict when someone saved a newer version meanwhile.
/// </summary>
public partial class TemplateEditor : IDisposable
{
    private static readonly TimeSpan DraftSaveDelay = TimeSpan.FromMilliseconds(300);
    private readonly CancellationTokenSource _lifetime = new();
    private CancellationTokenSource? _pendingDraftSave;
    private TemplateSummary? _template;
    private TemplateVersionInfo? _base;
    private TemplateVersionInfo? _conflictWith;
    private TemplateContent? _content;
    private string? _schemaJson;
    private SchemaDelivery? _schemaDelivery;
    private int _hintMessageIndex = -1;
    private DateTime? _draftSavedAtUtc;
    private IReadOnlyList<TemplateProblem> _saveProblems = [];
    private IReadOnlyList<TemplateProblem> _liveProblems = [];
    private IReadOnlyList<MessagePreview> _preview = [];
    private IReadOnlySet<string> _usedNames = new HashSet<string>();
    private int _tokenEstimate;
    private string _previewMode = "text";
    private string? _loadError;
    private bool _showConflictDiff;
    private bool _busy;
    private bool _canEdit = true;
    private bool _draftSavePending;
    private int _sideTab;
    private RunPanel? _runPanel;

    [Parameter] public Guid TemplateId { get; set; }

    /// <summary><c>?tab=run</c> opens the run panel instead of the preview.</summary>
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [Inject] public required TemplateService Templates { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required IOptions<WorkbenchOptions> Options { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required TestCaseService TestCases { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required RunStore Runs { get; init; }

    [Inject] public required ProviderCatalog Providers { get; init; }

    private bool IsDirty => _content is not null && _base is not null && !_content.SameAs(_base.Content);

    private TemplateLimits Limits => TemplateLimits.Default with { MaxSourceLength = Options.Value.Editor.MaxMessageLength };

    protected override async Task OnParametersSetAsync()
    {
        _sideTab = Tab?.ToLowerInvariant() switch
        {
            "run" => 1,
            "cases" or "test-cases" => 2,
            _ => _sideTab,
        };
        // Shown up front so a viewer knows before typing that edits here are a scratch pad (the handlers check again).
        _canEdit = await Authorization.IsAllowedAsync(Policies.CanEdit);
        await LoadAsync();
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

        var latest = await Templates.GetLatestVersionAsync(TemplateId, token);
        var draft = await Templates.GetDraftAsync(TemplateId, User.Name, token);
        _base = draft is null ? latest : await Templates.GetVersionAsync(TemplateId, draft.BaseVersionNumber, token) ?? latest;
        _content = draft?.Content ?? latest!.Content;
        _draftSavedAtUtc = draft?.UpdatedAtUtc;
        // A draft based on an older version is an edit that already conflicts: say so before the user presses Save.
        _conflictWith = draft is not null && latest!.Number > _base!.Number ? latest : null;
        _saveProblems = [];
        Recompute();
    }

    private List<TemplateError> ErrorsFor(int index)
    {
        var field = TemplateContentValidator.MessageField(index);
        return _liveProblems.Where(p => p.Field == field && p.Line is not null)
            .Select(p => new TemplateError(p.Line!.Value, p.Column ?? 1, p.Message))
            .ToList();
    }

    private void Recompute()
    {
        if (_content is null)
        {
            return;
        }

        _liveProblems = TemplateContentValidator.Validate(_content, Limits);
        _preview = TemplatePreview.Render(_content, Limits, _lifetime.Token);
        var usage = VariableSynchronizer.Uses(_content);
        _usedNames = _content.Variables.Select(v => v.Name).Where(usage.MayUse).ToHashSet(StringComparer.Ordinal);
        var rendered = _preview.Select(p => new TemplateMessage(p.Role, p.Text ?? _content.Messages[p.Index].Text));
        _tokenEstimate = TokenEstimator.EstimateChat(rendered);
        UpdateSchemaDelivery();
    }

    /// <summary>How the linked schema reaches the selected provider; a hint goes where the run engine puts it (the last user message).</summary>
    private void UpdateSchemaDelivery()
    {
        if (_schemaJson is null || _content is null)
        {
            _schemaDelivery = null;
            _hintMessageIndex = -1;
            return;
        }

        var provider = _content.Settings.Provider;
        _schemaDelivery = SchemaDelivery.For(string.IsNullOrWhiteSpace(provider) ? null : Providers.Find(provider), provider, _schemaJson);
        _hintMessageIndex = _schemaDelivery.Native ? -1 : _preview.LastOrDefault(p => p.Role == MessageRole.User && !string.IsNullOrEmpty(p.Text))?.Index ?? -1;
    }

    private void Change(TemplateContent content, bool syncVariables)
    {
        _content = syncVariables
            ? content with { Variables = VariableSynchronizer.Sync(content.Variables, VariableSynchronizer.Uses(content)) }
            : content;
        _saveProblems = [];
        Recompute();
        ScheduleDraftSave();
    }

    private void OnMessageTextChanged(int index, string text) =>
        Change(_content! with { Messages = Replace(_content!.Messages, index, _content.Messages[index] with { Text = text }) }, syncVariables: true);

    private void OnRoleChanged(int index, MessageRole role) =>
        Change(_content! with { Messages = Replace(_content!.Messages, index, _content.Messages[index] with { Role = role }) }, syncVariables: false);

    private void AddMessage(MessageRole role) =>
        Change(_content! with { Messages = [.. _content!.Messages, new TemplateMessage(role, "")] }, syncVariables: false);

    private void RemoveMessage(int index) =>
        Change(_content! with { Messages = _content!.Messages.Where((_, i) => i != index).ToList() }, syncVariables: true);

    private void MoveMessage(int index, int delta)
    {
        var messages = _content!.Messages.ToList();
        (messages[index], messages[index + delta]) = (messages[index + delta], messages[index]);
        Change(_content with { Messages = messages }, syncVariables: false);
    }

    private void OnVariablesChanged(IReadOnlyList<VariableDeclaration> variables) => Change(_content! with { Variables = variables }, syncVariables: false);

    private void OnSettingsChanged(ModelSettings settings) => Change(_content! with { Settings = settings }, syncVariables: false);

    private void OnOutputSchemaChanged(OutputSchemaLink? link) => Change(_content! with { OutputSchema = link }, syncVariables: false);

    /// <summary>Ctrl+Enter anywhere in the editor runs the saved version in the run panel (and shows it).</summary>
    private async Task OnEditorKeyDownAsync(KeyboardEventArgs e)
    {
        if ((e.CtrlKey || e.MetaKey) && e.Key == "Enter" && _runPanel is not null)
        {
            _sideTab = 1;
            await _runPanel.RunAsync();
        }
    }


    private void OnSchemaJsonChanged(string? schemaJson)
    {
        _schemaJson = schemaJson;
        UpdateSchemaDelivery();
    }

    internal static string DeliveryText(SchemaDelivery delivery) => delivery switch
    {
        { Native: true } => $"Sent as a native JSON Schema response format (provider {delivery.ProviderName} supports it):",
        { ProviderConfigured: false } => $"Appended to the last user message as a schema hint (provider {delivery.ProviderName} is not configured; unknown providers get the hint):",
        _ => $"Appended to the last user message as a schema hint (provider {delivery.ProviderName} has no native structured output):",
    };

    private static List<T> Replace<T>(IReadOnlyList<T> items, int index, T item) => items.Select((x, i) => i == index ? item : x).ToList();

    private void ScheduleDraftSave()
    {
        _draftSavePending = true;
        _pendingDraftSave?.Cancel();
        _pendingDraftSave?.Dispose();
        _pendingDraftSave = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        var token = _pendingDraftSave.Token;
        _ = Task.Delay(DraftSaveDelay, token).ContinueWith(
            _ => InvokeAsync(() => SaveDraftNowAsync(token)),
            token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private async Task SaveDraftNowAsync(CancellationToken token)
    {
        // Autosave: a viewer's edits stay in the browser only (no message on every keystroke; saving says why not).
        if (_content is null || _base is null || token.IsCancellationRequested || !await Authorization.IsAllowedAsync(Policies.CanEdit))
        {
            return;
        }

        _draftSavePending = false;
        if (IsDirty)
        {
            await Templates.SaveDraftAsync(TemplateId, User.Name, _base.Number, _content, token);
            _draftSavedAtUtc = DateTime.UtcNow;
        }
        else
        {
            await Templates.DiscardDraftAsync(TemplateId, User.Name, token);
            _draftSavedAtUtc = null;
        }

        StateHasChanged();
    }

    private async Task SaveVersionAsync()
    {
        if (_content is null || _base is null || !await Authorization.DemandAsync(Policies.CanEdit, "save a version"))
        {
            return;
        }

        var dialog = await Dialogs.ShowAsync<CommitMessageDialog>($"Save v{_base.Number + 1}", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string message })
        {
            return;
        }

        _busy = true;
        try
        {
            _pendingDraftSave?.Cancel();
            _draftSavePending = false;
            // Keep the draft current first: if the save fails for any reason, the work is still there.
            await Templates.SaveDraftAsync(TemplateId, User.Name, _base.Number, _content, _lifetime.Token);
            var outcome = await Templates.SaveVersionAsync(TemplateId, _base.Number, _content, message, User.Name, _lifetime.Token);
            switch (outcome)
            {
                case SaveVersionOutcome.Saved saved:
                    Snackbar.Add($"Saved v{saved.Version.Number}.", Severity.Success);
                    _conflictWith = null;
                    await LoadAsync();
                    break;
                case SaveVersionOutcome.Conflict conflict:
                    _conflictWith = conflict.Latest;
                    _draftSavedAtUtc = DateTime.UtcNow;
                    break;
                case SaveVersionOutcome.Rejected rejected:
                    _saveProblems = rejected.Problems;
                    break;
                case SaveVersionOutcome.NotFound:
                    _loadError = "This template no longer exists; your draft could not be saved as a version.";
                    break;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Resolves a conflict by re-basing the draft on the newest version; the user reviews and saves again.</summary>
    private async Task KeepMineOnLatestAsync()
    {
        if (_conflictWith is null || _content is null || !await Authorization.DemandAsync(Policies.CanEdit, "keep a draft"))
        {
            return;
        }

        _base = _conflictWith;
        _conflictWith = null;
        _showConflictDiff = false;
        await Templates.SaveDraftAsync(TemplateId, User.Name, _base.Number, _content, _lifetime.Token);
        Snackbar.Add($"Your changes now apply on top of v{_base.Number}. Review them and save again.", Severity.Info);
        Recompute();
    }

    private async Task TakeLatestAsync()
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "discard a draft"))
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync("Discard your changes?", "Your draft is deleted and the newest saved version is loaded. This cannot be undone.", yesText: "Discard", cancelText: "Keep editing");
        if (confirmed == true)
        {
            _pendingDraftSave?.Cancel();
            await Templates.DiscardDraftAsync(TemplateId, User.Name, _lifetime.Token);
            _conflictWith = null;
            _showConflictDiff = false;
            await LoadAsync();
        }
    }

    private async Task DiscardDraftAsync()
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "discard a draft"))
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync("Discard your changes?", $"Your unsaved changes are deleted and v{_base?.Number} is loaded again.", yesText: "Discard", cancelText: "Keep editing");
        if (confirmed == true)
        {
            _pendingDraftSave?.Cancel();
            await Templates.DiscardDraftAsync(TemplateId, User.Name, _lifetime.Token);
            await LoadAsync();
        }
    }

    /// <summary>Counts the template's finished runs, confirms with that count, deletes them and reports the result.</summary>
    private async Task DeleteAllRunsAsync()
    {
        if (_template is null || _busy || !await Authorization.DemandAsync(Policies.CanAdminister, "delete runs"))
        {
            return;
        }

        var count = await Runs.CountForTemplateAsync(TemplateId, _lifetime.Token);
        var parameters = new DialogParameters<DeleteRunsDialog> { { d => d.Count, count }, { d => d.TemplateName, _template.Name } };
        var dialog = await Dialogs.ShowAsync<DeleteRunsDialog>("Delete all runs of this template", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false })
        {
            return;
        }

        _busy = true;
        try
        {
            var deleted = await Runs.DeleteForTemplateAsync(TemplateId, _lifetime.Token);
            Snackbar.Add(deleted == 0 ? "There were no finished runs to delete." : $"Deleted {DeleteRunsDialog.RunsText(deleted)} of {_template.Name}.", deleted == 0 ? Severity.Info : Severity.Success);
        }
        catch (DbException)
        {
            Snackbar.Add("Not every run could be deleted: the database is busy. Try again in a moment.", Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task EditDetailsAsync()
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "edit template details"))
        {
            return;
        }

        var parameters = new DialogParameters<TemplateDetailsDialog> { { d => d.Existing, _template } };
        var dialog = await Dialogs.ShowAsync<TemplateDetailsDialog>("Template details", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: TemplateSummary updated })
        {
            _template = updated;
        }
    }

    public void Dispose()
    {
        // Leaving the page (or the circuit closing) within the save delay must not lose the last edit: write it now,
        // detached from this component's lifetime. The editor flushes its text on blur, so that edit is already here.
        if (_draftSavePending && IsDirty)
        {
            _ = Templates.SaveDraftAsync(TemplateId, User.Name, _base!.Number, _content!, CancellationToken.None);
        }

        _lifetime.Cancel();
        _pendingDraftSave?.Dispose();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>"Run batch…" on the Run tab: the saved version over one of the template's test sets.</summary>
    private async Task OpenRunBatchAsync()
    {
        if (_template is null || _base is null)
        {
            return;
        }

        var sets = await TestCases.ListSetsAsync(_template.Id);
        if (await RunBatchDialog.ShowAsync(Dialogs, _base, _template.Name, sets, null) is { } id)
        {
            Navigation.NavigateTo($"batches/{id}");
        }
    }
}

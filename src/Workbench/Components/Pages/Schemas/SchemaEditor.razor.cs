using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Workbench.Components.Pages.Templates;
using Workbench.Components.Shared;
using Workbench.Core.Configuration;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Validation;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Schemas;

/// <summary>
/// The schema editor: JSON text checked against its meta-schema as it arrives (debounced by the editor), an outline,
/// and a sample-output pane validated live. Like the template editor (ADR-002, ADR-021), edits live in a per-user
/// server-side draft saved shortly after each change and flushed on blur and when leaving the page; "Save version" turns
/// it into an immutable version or reports a conflict. <c>/schemas/new</c> edits a new, never-saved schema (its draft
/// holds the name and description too) until "Create schema".
/// </summary>
public partial class SchemaEditor : IDisposable
{
    private static readonly TimeSpan DraftSaveDelay = TimeSpan.FromMilliseconds(300);
    private readonly CancellationTokenSource _lifetime = new();
    private CancellationTokenSource? _pendingDraftSave;
    private bool _draftSavePending;
    private DateTime? _draftSavedAtUtc;
    private bool _showConflictDiff;
    private bool _loaded;
    private bool _canEdit;
    private string _newName = "";
    private string _newDescription = "";
    private SchemaSummary? _schema;
    private SchemaVersionInfo? _base;
    private SchemaVersionInfo? _conflictWith;
    private string _text = "";
    private string _sample = "";
    private string? _loadError;
    private bool _busy;
    private IReadOnlyList<TemplateError> _errors = [];
    private IReadOnlyList<SchemaError> _generalErrors = [];
    private IReadOnlyList<SchemaOutlineNode> _outline = [];
    private SchemaDialect _dialect = SchemaDialect.Draft202012;
    private SampleCheckResult? _check;
    private SchemaCheck? _schemaCheck;
    private int _checkGeneration;
    private IReadOnlyList<TemplateError> _sampleMarks = [];
    private IReadOnlyList<TemplateProblem> _saveProblems = [];
    private string? _aidMessage;
    private bool _aidFailed;
    private TemplateCodeEditor? _schemaEditor;
    private TemplateCodeEditor? _sampleEditor;

    /// <summary>The schema edited; <see cref="Guid.Empty"/> on <c>/schemas/new</c>.</summary>
    [Parameter] public Guid SchemaId { get; set; }

    [Inject] public required SchemaService Schemas { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required IOptions<WorkbenchOptions> Options { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private bool IsNew => SchemaId == Guid.Empty;

    private Guid? DraftKey => IsNew ? null : SchemaId;

    private bool IsDirty => IsNew
        ? _newName.Trim().Length > 0 || _newDescription.Trim().Length > 0 || !string.Equals(_text.Trim(), SchemaService.BlankSchemaJson, StringComparison.Ordinal)
        : _base is not null && !string.Equals(_text, _base.SchemaJson, StringComparison.Ordinal);

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    /// <summary>Loads the latest version, or the user's draft and the version it is based on (a draft on an old base is a conflict already).</summary>
    private async Task LoadAsync()
    {
        var token = _lifetime.Token;
        _loaded = false;
        _saveProblems = [];
        _showConflictDiff = false;
        // A viewer may try edits in the browser; only authors get a draft (checked again when it is written).
        _canEdit = await Authorization.IsAllowedAsync(Policies.CanEdit);
        if (IsNew)
        {
            var newDraft = await Schemas.GetDraftAsync(null, User.Name, token);
            _schema = null;
            _base = null;
            _conflictWith = null;
            _text = newDraft?.SchemaJson ?? SchemaService.BlankSchemaJson;
            _newName = newDraft?.Name ?? "";
            _newDescription = newDraft?.Description ?? "";
            _draftSavedAtUtc = newDraft?.UpdatedAtUtc;
            _loaded = true;
            await RecheckAsync();
            return;
        }

        _schema = await Schemas.GetAsync(SchemaId, token);
        var latest = _schema is null ? null : await Schemas.GetLatestVersionAsync(SchemaId, token);
        if (_schema is null || latest is null)
        {
            _loadError = "This schema does not exist (it may have been deleted).";
            return;
        }

        var draft = await Schemas.GetDraftAsync(SchemaId, User.Name, token);
        _base = draft is null ? latest : await Schemas.GetVersionAsync(SchemaId, draft.BaseVersionNumber, token) ?? latest;
        _text = draft?.SchemaJson ?? latest.SchemaJson;
        _draftSavedAtUtc = draft?.UpdatedAtUtc;
        _conflictWith = draft is not null && latest.Number > _base.Number ? latest : null;
        _loaded = true;
        await RecheckAsync();
    }

    internal static string StepText(ExtractionStep step) => step switch
    {
        ExtractionStep.WholeOutput => "the whole output is JSON",
        ExtractionStep.FencedBlock => "JSON taken from a code block",
        ExtractionStep.BalancedScan => "JSON found inside the text",
        _ => "no JSON could be extracted",
    };

    private async Task OnSchemaChanged(string text)
    {
        _text = text;
        _saveProblems = [];
        ScheduleDraftSave();
        await RecheckAsync();
    }

    private void OnNewNameChanged(string? name)
    {
        _newName = name ?? "";
        _saveProblems = [];
        ScheduleDraftSave();
    }

    private void OnNewDescriptionChanged(string? description)
    {
        _newDescription = description ?? "";
        ScheduleDraftSave();
    }

    /// <summary>" · saving draft…" while a write is due, " · draft kept 12:34:56" after it.</summary>
    private string DraftStateText => _draftSavePending
        ? " · saving draft…"
        : _draftSavedAtUtc is { } at ? $" · draft kept {at.ToLocalTime():HH:mm:ss}" : "";

    private void ScheduleDraftSave()
    {
        if (!_canEdit)
        {
            return;
        }

        _draftSavePending = true;
        _pendingDraftSave?.Cancel();
        _pendingDraftSave?.Dispose();
        _pendingDraftSave = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        var token = _pendingDraftSave.Token;
        _ = Task.Delay(DraftSaveDelay, token).ContinueWith(
            _ => InvokeAsync(() => SaveDraftNowAsync(token)),
            token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>Writes the draft (or deletes it when the text equals its base). A viewer's edits stay in the browser only.</summary>
    private async Task SaveDraftNowAsync(CancellationToken token)
    {
        if (!_loaded || (!IsNew && _base is null) || token.IsCancellationRequested || !await Authorization.IsAllowedAsync(Policies.CanEdit))
        {
            return;
        }

        _draftSavePending = false;
        var kept = await WriteDraftAsync(token);
        _draftSavedAtUtc = kept ? DateTime.UtcNow : null;
        StateHasChanged();
    }

    private Task<bool> WriteDraftAsync(CancellationToken token) =>
        Schemas.SaveDraftAsync(DraftKey, User.Name, _base?.Number ?? 0, _text, IsNew ? _newName : null, IsNew ? _newDescription : null, token);

    private void CancelPendingDraftSave()
    {
        _pendingDraftSave?.Cancel();
        _draftSavePending = false;
    }

    private void OnSampleChanged(string text)
    {
        _sample = text;
        CheckSample();
    }

    /// <summary>Checks the text with its references to stored schemas resolved; a result overtaken by newer text is dropped.</summary>
    private async Task RecheckAsync()
    {
        var generation = ++_checkGeneration;
        var check = await Schemas.CheckAsync(_text, DraftKey, _lifetime.Token);
        if (generation != _checkGeneration)
        {
            return;
        }

        _schemaCheck = check;
        var compiled = check.Compiled;
        _errors = [.. compiled.Errors.Where(e => e.Line > 0).Select(e => new TemplateError(e.Line, e.Column, e.Message))];
        _generalErrors = [.. compiled.Errors.Where(e => e.Line <= 0)];
        _dialect = compiled.Schema?.Dialect ?? SchemaDialect.Draft202012;
        _outline = SchemaOutline.Build(_text);
        CheckSample();
    }

    private void CheckSample()
    {
        if (_sample.Length == 0)
        {
            _check = null;
            _sampleMarks = [];
            return;
        }

        // Pinned text and the referenced documents: unpinned names resolve as they would on save.
        _check = SampleCheck.Run(_schemaCheck?.PinnedJson ?? _text, _sample, _schemaCheck?.Options ?? SchemaCompileOptions.Default);
        _sampleMarks = [.. _check.Issues.Where(i => i.Line > 0).Select(i => new TemplateError(i.Line, Math.Max(1, i.Column), i.Issue.ToString()))];
    }

    private void GenerateExample()
    {
        var result = SchemaSamples.Generate(_schemaCheck is { Success: true } checkedSchema ? checkedSchema.SelfContainedJson : _text);
        SetAidMessage(result, "Example generated from the schema. NJsonSchema does not honour every keyword, so check the issues below.");
        if (result.Success)
        {
            _sample = result.Json!;
            CheckSample();
        }
    }

    private async Task InferSchema()
    {
        var source = _check?.Validation.Json ?? _sample;
        var result = SchemaInference.FromExample(source);
        SetAidMessage(result, "Schema inferred from the sample. Review it: types come from the example values; no property is required until you list it in \"required\".");
        if (result.Success)
        {
            _text = result.Json!;
            _saveProblems = [];
            ScheduleDraftSave();
            await RecheckAsync();
        }
    }

    private void SetAidMessage(SchemaAidResult result, string success)
    {
        _aidFailed = !result.Success;
        _aidMessage = result.Success ? success : result.Error;
    }

    private async Task GoToIssueAsync(LocatedIssue issue)
    {
        if (_sampleEditor is not null && issue.Line > 0)
        {
            await _sampleEditor.GoToErrorAsync(new TemplateError(issue.Line, Math.Max(1, issue.Column), issue.Issue.Message));
        }
    }

    private async Task GoToOutlineNodeAsync(SchemaOutlineNode node)
    {
        if (_schemaEditor is not null && node.Line > 0)
        {
            await _schemaEditor.GoToErrorAsync(new TemplateError(node.Line, 1, node.Name));
        }
    }

    private async Task SaveVersionAsync()
    {
        if (_base is null || _busy || !await Authorization.DemandAsync(Policies.CanEdit, "save a version"))
        {
            return;
        }

        var dialog = await Dialogs.ShowAsync<CommitMessageDialog>($"Save v{_base.Number + 1}", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled)
        {
            return;
        }

        _busy = true;
        try
        {
            CancelPendingDraftSave();
            // Keep the draft current first: if the save fails for any reason, the work is still there.
            await WriteDraftAsync(_lifetime.Token);
            var outcome = await Schemas.SaveVersionAsync(SchemaId, _base.Number, _text, result.Data as string, User.Name, _lifetime.Token);
            switch (outcome)
            {
                case SchemaSaveOutcome.Saved saved:
                    Snackbar.Add($"Saved v{saved.Version.Number}.", Severity.Success);
                    _conflictWith = null;
                    await LoadAsync();
                    break;
                case SchemaSaveOutcome.Conflict conflict:
                    _conflictWith = conflict.Latest;
                    _draftSavedAtUtc = DateTime.UtcNow;
                    break;
                case SchemaSaveOutcome.Rejected rejected:
                    _saveProblems = rejected.Problems;
                    break;
                default:
                    _loadError = "This schema no longer exists.";
                    break;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Creates the schema from the new-schema editor; its draft is removed in the same transaction.</summary>
    private async Task CreateAsync()
    {
        if (!IsNew || _busy || !await Authorization.DemandAsync(Policies.CanEdit, "create schemas"))
        {
            return;
        }

        _busy = true;
        try
        {
            CancelPendingDraftSave();
            await WriteDraftAsync(_lifetime.Token);
            var result = await Schemas.CreateAsync(new NewSchema(_newName, _newDescription, _text, FromDraft: true), User.Name, _lifetime.Token);
            if (result.Succeeded)
            {
                Navigation.NavigateTo($"schemas/{result.Value!.Id}");
                return;
            }

            _saveProblems = result.Problems;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Resolves a conflict by re-basing the draft on the newest version; the user reviews and saves again.</summary>
    private async Task KeepMineOnLatestAsync()
    {
        if (_conflictWith is null || !await Authorization.DemandAsync(Policies.CanEdit, "keep a draft"))
        {
            return;
        }

        CancelPendingDraftSave();
        _base = _conflictWith;
        _conflictWith = null;
        _showConflictDiff = false;
        var kept = await WriteDraftAsync(_lifetime.Token);
        _draftSavedAtUtc = kept ? DateTime.UtcNow : null;
        Snackbar.Add($"Your edits now apply on top of v{_base.Number}. Review them and save again.", Severity.Info);
    }

    private async Task TakeLatestAsync()
    {
        if (_conflictWith is null || !await Authorization.DemandAsync(Policies.CanEdit, "discard a draft"))
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync("Discard your edits?", "Your draft is deleted and the newest saved version is loaded. This cannot be undone.", yesText: "Discard", cancelText: "Keep editing");
        if (confirmed == true)
        {
            CancelPendingDraftSave();
            await Schemas.DiscardDraftAsync(DraftKey, User.Name, _lifetime.Token);
            _conflictWith = null;
            await LoadAsync();
        }
    }

    private async Task DiscardAsync()
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "discard a draft"))
        {
            return;
        }

        var what = IsNew ? "The new schema's name, description and text are deleted." : $"Your unsaved edits are deleted and v{_base?.Number} is loaded again.";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Discard your edits?", what, yesText: "Discard", cancelText: "Keep editing");
        if (confirmed == true)
        {
            CancelPendingDraftSave();
            await Schemas.DiscardDraftAsync(DraftKey, User.Name, _lifetime.Token);
            await LoadAsync();
        }
    }

    private async Task SetLabelAsync()
    {
        if (_base is null || _schema is null)
        {
            return;
        }

        var number = _base.Number;
        var parameters = new DialogParameters<SetLabelDialog> { { d => d.VersionNumber, number }, { d => d.Existing, _schema.Labels } };
        var dialog = await Dialogs.ShowAsync<SetLabelDialog>($"Label v{number}", parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string label } && await Authorization.DemandAsync(Policies.ForLabel(label), $"move the label “{label}”"))
        {
            var set = await Schemas.SetLabelAsync(SchemaId, label, number, User.Name, _lifetime.Token);
            Snackbar.Add(set.Succeeded ? $"{label} → v{number}" : string.Join(" ", set.Problems.Select(p => p.Message)), set.Succeeded ? Severity.Success : Severity.Error);
            _schema = await Schemas.GetAsync(SchemaId, _lifetime.Token) ?? _schema;
        }
    }

    public void Dispose()
    {
        // Leaving the page (or the circuit closing) within the save delay must not lose the last edit: write it now,
        // detached from this component's lifetime. The editor flushes its text on blur, so that edit is already here.
        if (_draftSavePending && _loaded && IsDirty)
        {
            _ = Schemas.SaveDraftAsync(DraftKey, User.Name, _base?.Number ?? 0, _text, IsNew ? _newName : null, IsNew ? _newDescription : null, CancellationToken.None);
        }

        _lifetime.Cancel();
        _pendingDraftSave?.Dispose();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

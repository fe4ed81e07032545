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
/// and a sample-output pane validated live. No drafts: unsaved edits live in the circuit only.
/// </summary>
public partial class SchemaEditor : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
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

    [Parameter] public Guid SchemaId { get; set; }

    [Inject] public required SchemaService Schemas { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required IOptions<WorkbenchOptions> Options { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    private bool IsDirty => _base is not null && !string.Equals(_text, _base.SchemaJson, StringComparison.Ordinal);

    protected override async Task OnParametersSetAsync()
    {
        _schema = await Schemas.GetAsync(SchemaId, _lifetime.Token);
        _base = _schema is null ? null : await Schemas.GetLatestVersionAsync(SchemaId, _lifetime.Token);
        if (_schema is null || _base is null)
        {
            _loadError = "This schema does not exist (it may have been deleted).";
            return;
        }

        _text = _base.SchemaJson;
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
        await RecheckAsync();
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
        var check = await Schemas.CheckAsync(_text, SchemaId, _lifetime.Token);
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
            var outcome = await Schemas.SaveVersionAsync(SchemaId, _base.Number, _text, result.Data as string, User.Name, _lifetime.Token);
            switch (outcome)
            {
                case SchemaSaveOutcome.Saved saved:
                    _base = saved.Version;
                    _conflictWith = null;
                    _saveProblems = [];
                    _schema = await Schemas.GetAsync(SchemaId, _lifetime.Token) ?? _schema;
                    Snackbar.Add($"Saved v{saved.Version.Number}.", Severity.Success);
                    break;
                case SchemaSaveOutcome.Conflict conflict:
                    _conflictWith = conflict.Latest;
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

    private void KeepMineOnLatest()
    {
        if (_conflictWith is null)
        {
            return;
        }

        _base = _conflictWith;
        _conflictWith = null;
        Snackbar.Add($"Your edits now apply on top of v{_base.Number}. Review them and save again.", Severity.Info);
    }

    private async Task TakeLatest()
    {
        if (_conflictWith is null)
        {
            return;
        }

        _base = _conflictWith;
        _conflictWith = null;
        _text = _base.SchemaJson;
        await RecheckAsync();
    }

    private async Task Discard()
    {
        if (_base is null)
        {
            return;
        }

        _text = _base.SchemaJson;
        _saveProblems = [];
        await RecheckAsync();
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
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

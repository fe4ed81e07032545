using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Workbench.Components.Runs;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Validation;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Templates;

/// <summary>
/// The run panel of the template editor. It runs the <b>saved</b> version the editor is based on (a draft is not a
/// version: ADR-011), through <see cref="RunService"/> (the background worker executes it), watches it through the
/// <see cref="RunNotifier"/> (live text, live validation, attempts as they complete) and, once stored, shows the stored
/// (redacted) run. Leaving the page cancels a run still executing.
/// </summary>
public partial class RunPanel : IDisposable
{
    internal const string VariablesField = "variables";

    private static readonly string[] FieldsShownAtInputs = ["provider", "model", "maxAttempts", "simulation.faults", VariablesField];

    private readonly CancellationTokenSource _lifetime = new();
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly List<string> _faults = [];
    private (Guid TemplateId, int Number)? _loadedFor;
    private IReadOnlyList<string> _required = [];
    private IReadOnlyList<TemplateProblem> _problems = [];
    private string _provider = "";
    private string _model = "";
    private int _maxAttempts = RunRequest.DefaultMaxAttempts;
    private int _seed;
    private string? _faultToAdd;
    private int _faultAttempt;
    private bool _submitting;
    private bool _cancelling;
    private Guid? _runId;
    private LiveRun? _live;
    private RunRecord? _record;
    private IDisposable? _subscription;
    private int _renderQueued;
    private bool _disposed;

    /// <summary>The saved version to run (the one the editor's draft is based on).</summary>
    [Parameter, EditorRequired] public required TemplateVersionInfo Version { get; set; }

    [Parameter, EditorRequired] public required string TemplateName { get; set; }

    /// <summary>
    /// The editor's content (the draft, if any): its example values and provider/model prefill the panel when it first
    /// loads, so a draft opened from a stored run ("Open in editor") runs with that run's values and settings.
    /// </summary>
    [Parameter] public TemplateContent? Draft { get; set; }

    /// <summary>The editor holds changes that are not in <see cref="Version"/>.</summary>
    [Parameter] public bool HasUnsavedChanges { get; set; }

    /// <summary>"Save version…" was pressed in the panel.</summary>
    [Parameter] public EventCallback SaveRequested { get; set; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required RunService Runs { get; init; }

    [Inject] public required RunNotifier Notifier { get; init; }

    [Inject] public required RunStore Store { get; init; }

    [Inject] public required ProviderCatalog Catalog { get; init; }

    [Inject] public required SchemaService Schemas { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    /// <summary>The run watched now (null before the first run).</summary>
    public Guid? RunId => _runId;

    private bool IsActive => _runId is not null && _record is null;

    private bool IsSimulated => Catalog.Find(_provider)?.IsSimulated == true;

    private IReadOnlyList<string> ListedModels
    {
        get
        {
            var listed = Catalog.Find(_provider)?.Models.Select(m => m.Model).ToList() ?? [];
            if (listed.Count > 0 && !string.IsNullOrEmpty(_model) && !listed.Contains(_model, StringComparer.OrdinalIgnoreCase))
            {
                listed.Add(_model);
            }

            return listed;
        }
    }

    private IReadOnlyList<TemplateProblem> GeneralProblems => [.. _problems.Where(p => !FieldsShownAtInputs.Contains(p.Field, StringComparer.Ordinal))];

    private RunView View
    {
        get
        {
            var simulated = Catalog.Find(_record?.Provider ?? _provider)?.IsSimulated == true;
            if (_record is not null)
            {
                return RunView.FromRecord(_record, simulated);
            }

            return _live is null
                ? new RunView(RunStatus.Queued, [], null, null, null, [], null, simulated, false)
                : RunView.FromLive(_live, simulated);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == (Version.TemplateId, Version.Number))
        {
            return;
        }

        _loadedFor = (Version.TemplateId, Version.Number);
        var content = Version.Content;
        foreach (var variable in content.Variables)
        {
            if (!_values.TryGetValue(variable.Name, out var existing) || string.IsNullOrEmpty(existing))
            {
                var drafted = Draft?.Variables.FirstOrDefault(v => v.Name == variable.Name)?.ExampleValue;
                _values[variable.Name] = drafted ?? variable.ExampleValue ?? variable.DefaultValue ?? "";
            }
        }

        var settings = Draft?.Settings is { } draft && Catalog.Find(draft.Provider) is not null ? draft : content.Settings;
        _provider = settings.Provider;
        _model = settings.Model;
        _required = [];
        if (content.OutputSchema is { } link)
        {
            var schema = await Schemas.GetVersionAsync(link.SchemaId, link.VersionNumber, _lifetime.Token);
            _required = StreamingJsonInspector.RequiredOf(schema?.SchemaJson);
        }
    }

    private string? ValueOf(string name) => _values.TryGetValue(name, out var value) ? value : null;

    private static string? HelperFor(VariableDeclaration variable)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(variable.Description))
        {
            parts.Add(variable.Description);
        }

        if (!variable.Required && variable.DefaultValue is not null)
        {
            parts.Add($"empty = default \"{variable.DefaultValue}\"");
        }

        if (variable.Kind == VariableKind.Json)
        {
            parts.Add("JSON");
        }

        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    private IReadOnlyList<TemplateProblem> ProblemsFor(string field) => [.. _problems.Where(p => p.Field == field)];

    private string? FieldProblem(string field)
    {
        var messages = _problems.Where(p => p.Field == field).Select(p => p.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private void OnProviderChanged(string provider)
    {
        _provider = provider;
        var listed = Catalog.Find(provider)?.Models.Select(m => m.Model).ToList() ?? [];
        if (listed.Count > 0 && !listed.Contains(_model, StringComparer.OrdinalIgnoreCase))
        {
            _model = string.Equals(provider, Version.Content.Settings.Provider, StringComparison.OrdinalIgnoreCase) ? Version.Content.Settings.Model : listed[0];
        }
    }

    private void AddFault()
    {
        if (string.IsNullOrEmpty(_faultToAdd))
        {
            return;
        }

        var fault = _faultAttempt > 0 ? $"{_faultToAdd}@{_faultAttempt}" : _faultToAdd;
        if (!_faults.Contains(fault, StringComparer.Ordinal))
        {
            _faults.Add(fault);
        }
    }

    private async Task OnKeyDown(KeyboardEventArgs e)
    {
        if ((e.CtrlKey || e.MetaKey) && e.Key == "Enter")
        {
            await RunAsync();
        }
    }

    /// <summary>Submits a run of <see cref="Version"/> with the panel's values (Run button, Ctrl+Enter).</summary>
    public async Task RunAsync()
    {
        if (_submitting || IsActive || _disposed || !await Authorization.DemandAsync(Policies.CanEdit, "start a run"))
        {
            return;
        }

        _submitting = true;
        _problems = [];
        try
        {
            var simulated = IsSimulated;
            var request = new RunRequest(TemplateName, CollectValues())
            {
                Version = Version.Number,
                Provider = _provider,
                Model = _model,
                MaxAttempts = _maxAttempts,
                Simulation = simulated ? new SimulationSettings { Faults = [.. _faults], Seed = _seed } : null,
                RequestedBy = User.Name,
            };
            var submitted = await Runs.SubmitAsync(request, _lifetime.Token);
            if (!submitted.Succeeded)
            {
                _problems = submitted.Problems;
                return;
            }

            Watch(submitted.Value);
            // A run can finish before the subscription is in place: then the store already has it.
            await RefreshFromStoreAsync(submitted.Value);
        }
        finally
        {
            _submitting = false;
        }
    }

    private Dictionary<string, string?> CollectValues()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var variable in Version.Content.Variables)
        {
            var value = ValueOf(variable.Name);
            if (!variable.Required && string.IsNullOrEmpty(value))
            {
                continue; // the declared default applies
            }

            values[variable.Name] = value ?? "";
        }

        return values;
    }

    private void Watch(Guid id)
    {
        _subscription?.Dispose();
        _record = null;
        _runId = id;
        _live = new LiveRun(_required);
        var live = _live;
        _subscription = Notifier.Subscribe(id, report =>
        {
            live.Apply(report);
            if (report.Kind == RunProgressKind.Stored)
            {
                _ = InvokeAsync(() => RefreshFromStoreAsync(id));
            }
            else
            {
                QueueRender();
            }
        });
    }

    /// <summary>Coalesces renders: many text chunks arriving between two renders cost one render.</summary>
    private void QueueRender()
    {
        if (_disposed || Interlocked.Exchange(ref _renderQueued, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(() =>
        {
            Volatile.Write(ref _renderQueued, 0);
            if (!_disposed)
            {
                StateHasChanged();
            }
        });
    }

    private async Task RefreshFromStoreAsync(Guid id)
    {
        if (_disposed || _runId != id)
        {
            return;
        }

        var record = await Store.GetAsync(id, _lifetime.Token);
        if (record is not null && record.Status is not (RunStatus.Queued or RunStatus.Running) && _runId == id)
        {
            _record = record;
            _subscription?.Dispose();
            _subscription = null;
            StateHasChanged();
        }
    }

    private async Task CancelAsync()
    {
        if (_runId is not { } id || _cancelling || !await Authorization.DemandAsync(Policies.CanEdit, "cancel a run"))
        {
            return;
        }

        _cancelling = true;
        try
        {
            await Runs.CancelAsync(id, _lifetime.Token);
            // A queued run is stored as cancelled at once (no progress follows); an executing one reports Stored.
            await RefreshFromStoreAsync(id);
        }
        finally
        {
            _cancelling = false;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _subscription?.Dispose();
        if (IsActive && _runId is { } id)
        {
            // Leaving the page stops a run still executing (ADR-011); detached from this component's lifetime.
            _ = Runs.CancelAsync(id, CancellationToken.None);
        }

        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Templates;
using Workbench.Security;

namespace Workbench.Components.Pages.Batches;

/// <summary>
/// Starts a batch of a saved template version over one of its test sets on one or more provider/model settings
/// (<see cref="BatchService.StartAsync"/>). Problems are shown at the field they name; on success the dialog closes with
/// the new batch's id.
/// </summary>
public partial class RunBatchDialog : IDisposable
{
    private static readonly string[] FieldsShownAtInputs = ["testSet", "concurrency", "maxAttempts", "simulation.faults", "settings"];

    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<BatchSettingRow> _rows = [];
    private IReadOnlyList<TemplateProblem> _problems = [];
    private string _testSet = "";
    private int _concurrency;
    private int _maxAttempts = RunRequest.DefaultMaxAttempts;
    private string _faults = "";
    private int _seed;
    private int _nextKey;
    private bool _starting;

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    /// <summary>The saved version to run.</summary>
    [Parameter, EditorRequired] public required TemplateVersionInfo Version { get; set; }

    [Parameter, EditorRequired] public required string TemplateName { get; set; }

    /// <summary>The template's test sets to choose from.</summary>
    [Parameter] public IReadOnlyList<TestSetSummary> TestSets { get; set; } = [];

    /// <summary>The set chosen at first (e.g. the one open in the test cases tab).</summary>
    [Parameter] public string? InitialTestSet { get; set; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required BatchService Batches { get; init; }

    [Inject] public required ProviderCatalog Catalog { get; init; }

    [Inject] public required IOptions<WorkbenchOptions> Options { get; init; }

    private bool AnySimulated => _rows.Any(r => Catalog.Find(r.Provider)?.IsSimulated == true);

    private int CaseCount => TestSets.FirstOrDefault(s => s.Name == _testSet)?.Count ?? 0;

    private IReadOnlyList<TemplateProblem> GeneralProblems => [.. _problems.Where(p => !FieldsShownAtInputs.Contains(p.Field, StringComparer.Ordinal) && !p.Field.StartsWith("settings[", StringComparison.Ordinal))];

    protected override void OnInitialized()
    {
        _concurrency = Options.Value.Batches.DefaultConcurrency;
        _testSet = InitialTestSet is { } initial && TestSets.Any(s => s.Name == initial) ? initial : (TestSets.Count > 0 ? TestSets[0].Name : "");
        _rows.Add(new BatchSettingRow { Key = _nextKey++, Provider = Version.Content.Settings.Provider, Model = Version.Content.Settings.Model });
    }

    private List<string> ModelsOf(BatchSettingRow row)
    {
        var listed = Catalog.Find(row.Provider)?.Models.Select(m => m.Model).ToList() ?? [];
        if (listed.Count > 0 && !string.IsNullOrEmpty(row.Model) && !listed.Contains(row.Model, StringComparer.OrdinalIgnoreCase))
        {
            listed.Add(row.Model);
        }

        return listed;
    }

    private void OnProviderChanged(BatchSettingRow row, string provider)
    {
        row.Provider = provider;
        var listed = Catalog.Find(provider)?.Models.Select(m => m.Model).ToList() ?? [];
        if (listed.Count > 0 && !listed.Contains(row.Model, StringComparer.OrdinalIgnoreCase))
        {
            row.Model = string.Equals(provider, Version.Content.Settings.Provider, StringComparison.OrdinalIgnoreCase) ? Version.Content.Settings.Model : listed[0];
        }
    }

    private void AddRow()
    {
        if (_rows.Count >= BatchRequest.MaxSettings)
        {
            return;
        }

        var last = _rows.LastOrDefault();
        _rows.Add(new BatchSettingRow { Key = _nextKey++, Provider = last?.Provider ?? Version.Content.Settings.Provider, Model = last?.Model ?? Version.Content.Settings.Model });
    }

    private string? FieldProblem(string field)
    {
        var messages = _problems.Where(p => p.Field == field).Select(p => p.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private string? RowProblem(int index, string part) => FieldProblem(string.Create(CultureInfo.InvariantCulture, $"settings[{index}].{part}"));

    internal static IReadOnlyList<string> SplitFaults(string text) =>
        [.. text.Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private async Task StartAsync()
    {
        if (_starting || !await Authorization.DemandAsync(Policies.CanEdit, "start a batch"))
        {
            return;
        }

        _starting = true;
        _problems = [];
        try
        {
            var problems = new List<TemplateProblem>();
            if (string.IsNullOrWhiteSpace(_testSet))
            {
                problems.Add(new("testSet", "Choose a test set (add cases in the Test cases tab first)."));
            }

            var faults = SplitFaults(_faults);
            if (AnySimulated && SimulatedFault.ParseAll(faults).Errors is { Count: > 0 } errors)
            {
                problems.AddRange(errors.Select(e => new TemplateProblem("simulation.faults", e)));
            }

            if (problems.Count > 0)
            {
                _problems = problems;
                return;
            }

            var request = new BatchRequest(TemplateName)
            {
                Version = Version.Number,
                TestSet = _testSet,
                Settings = [.. _rows.Select(r => new BatchSetting(Blank(r.Provider), Blank(r.Model)))],
                Concurrency = _concurrency,
                MaxAttempts = _maxAttempts,
                Simulation = AnySimulated ? new SimulationSettings { Faults = faults, Seed = _seed } : null,
            };
            var started = await Batches.StartAsync(request, _lifetime.Token);
            if (!started.Succeeded)
            {
                _problems = started.Problems;
                return;
            }

            Dialog.Close(DialogResult.Ok(started.Value));
        }
        finally
        {
            _starting = false;
        }
    }

    /// <summary>Shows the dialog; the started batch's id, or null when cancelled.</summary>
    public static async Task<Guid?> ShowAsync(IDialogService dialogs, TemplateVersionInfo version, string templateName, IReadOnlyList<TestSetSummary> testSets, string? initialTestSet)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<RunBatchDialog>
        {
            { d => d.Version, version },
            { d => d.TemplateName, templateName },
            { d => d.TestSets, testSets },
            { d => d.InitialTestSet, initialTestSet },
        };
        var dialog = await dialogs.ShowAsync<RunBatchDialog>("Run a batch", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: Guid id } ? id : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

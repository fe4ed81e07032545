using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Workbench.Components.Pages.Batches;
using Workbench.Core.Batches;
using Workbench.Core.Templates;
using Workbench.Security;

namespace Workbench.Components.Pages.Templates;

/// <summary>
/// The test cases tab of the template editor: the template's test sets (pick, create, rename, delete), an editable
/// table of cases (a column per declared variable plus the expectation) validated per cell, save
/// (<see cref="TestCaseService.ReplaceSetAsync"/>), import from CSV/JSONL with the problems by line, and "Run batch".
/// </summary>
public partial class TestCasesPanel : IDisposable
{
    /// <summary>Rows shown per page of the table.</summary>
    public const int PageSize = 50;

    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<TestCaseRow> _rows = [];
    private IReadOnlyList<TestSetSummary> _sets = [];
    private IReadOnlyList<TemplateProblem> _problems = [];
    private Guid? _loadedFor;
    private string _set = TestCaseService.DefaultSet;
    private string _newSetName = "";
    private string? _newSetProblem;
    private bool _creatingSet;
    private bool _renaming;
    private string _renameTo = "";
    private string? _renameProblem;
    private int _page;
    private int _nextKey;
    private bool _dirty;
    private bool _busy;
    private bool _loading = true;
    private TestCaseImportResult? _import;
    private string? _importFileName;
    private string? _importFileProblem;
    private bool _importAppend;

    [Parameter, EditorRequired] public required Guid TemplateId { get; set; }

    [Parameter, EditorRequired] public required string TemplateName { get; set; }

    /// <summary>The saved version the editor is based on: its variables are the columns; a batch runs it.</summary>
    [Parameter, EditorRequired] public required TemplateVersionInfo Version { get; set; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required TestCaseService TestCases { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    /// <summary>The set shown now.</summary>
    public string CurrentSet => _set;

    private IReadOnlyList<VariableDeclaration> Declared => Version.Content.Variables;

    /// <summary>Declared variables, then any other names the stored or imported cases carry (kept, not dropped).</summary>
    private List<string> Columns
    {
        get
        {
            var columns = Declared.Select(d => d.Name).ToList();
            foreach (var name in _rows.SelectMany(r => r.Values.Keys))
            {
                if (!columns.Contains(name, StringComparer.Ordinal))
                {
                    columns.Add(name);
                }
            }

            return columns;
        }
    }

    private int PageCount => Math.Max(1, (_rows.Count + PageSize - 1) / PageSize);

    private IEnumerable<(TestCaseRow Row, int Index)> PageRows => _rows.Select((r, i) => (r, i)).Skip(_page * PageSize).Take(PageSize);

    private int InvalidRowCount => _rows.Count(r => Columns.Any(c => CellProblem(r, c) is not null) || ExpectProblem(r) is not null);

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == TemplateId)
        {
            return;
        }

        _loadedFor = TemplateId;
        await LoadSetsAsync();
        _set = _sets.Any(s => s.Name == TestCaseService.DefaultSet) || _sets.Count == 0 ? TestCaseService.DefaultSet : _sets[0].Name;
        await LoadRowsAsync();
        _loading = false;
    }

    private async Task LoadSetsAsync() => _sets = await TestCases.ListSetsAsync(TemplateId, _lifetime.Token);

    private async Task LoadRowsAsync()
    {
        var stored = await TestCases.ListAsync(TemplateId, _set, _lifetime.Token);
        _rows.Clear();
        foreach (var testCase in stored)
        {
            _rows.Add(ToRow(testCase.Case));
        }

        _page = 0;
        _dirty = false;
        _problems = [];
    }

    private TestCaseRow ToRow(TestCase testCase)
    {
        var expectation = testCase.Expectation;
        return new TestCaseRow
        {
            Key = _nextKey++,
            Values = new Dictionary<string, string?>(testCase.Variables, StringComparer.Ordinal),
            Kind = expectation.Kind,
            ExpectValue = expectation.Value ?? "",
        };
    }

    /// <summary>A problem with one cell, or null: a required variable (without a default) needs a value.</summary>
    internal string? CellProblem(TestCaseRow row, string column)
    {
        var declared = Declared.FirstOrDefault(d => d.Name == column);
        if (declared is null)
        {
            return null;
        }

        var value = row.Values.GetValueOrDefault(column);
        if (declared.Required && declared.DefaultValue is null && string.IsNullOrEmpty(value))
        {
            return $"'{column}' is required.";
        }

        if (declared.Kind == VariableKind.Json && !string.IsNullOrEmpty(value) && !IsJson(value))
        {
            return $"'{column}' must be JSON.";
        }

        return null;
    }

    internal static string? ExpectProblem(TestCaseRow row) =>
        TestCaseService.CheckExpectation(ToExpectation(row))?.Message;

    private static TestCaseExpectation? ToExpectation(TestCaseRow row) => row.Kind switch
    {
        ExpectationKind.EqualsJson => TestCaseExpectation.EqualsJson(row.ExpectValue),
        ExpectationKind.ContainsText => TestCaseExpectation.ContainsText(row.ExpectValue),
        _ => null,
    };

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void SetValue(TestCaseRow row, string column, string? value)
    {
        row.Values[column] = value;
        _dirty = true;
    }

    private void SetKind(TestCaseRow row, ExpectationKind kind)
    {
        row.Kind = kind;
        _dirty = true;
    }

    private void SetExpectValue(TestCaseRow row, string? value)
    {
        row.ExpectValue = value ?? "";
        _dirty = true;
    }

    private void AddRow()
    {
        var row = new TestCaseRow { Key = _nextKey++ };
        foreach (var variable in Declared)
        {
            row.Values[variable.Name] = variable.ExampleValue ?? "";
        }

        _rows.Add(row);
        _page = PageCount - 1;
        _dirty = true;
    }

    private void DuplicateRow(int index)
    {
        _rows.Insert(index + 1, _rows[index].Copy(_nextKey++));
        _dirty = true;
    }

    private void DeleteRow(int index)
    {
        _rows.RemoveAt(index);
        _page = Math.Min(_page, PageCount - 1);
        _dirty = true;
    }

    private List<TestCase> ToCases() =>
        [.. _rows.Select(r => new TestCase(
            r.Values.Where(v => !string.IsNullOrEmpty(v.Value) || Declared.Any(d => d.Name == v.Key && d.Required && d.DefaultValue is null))
                .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
            ToExpectation(r)))];

    /// <summary>Stores the table as the current set (replacing its cases).</summary>
    public async Task<bool> SaveAsync()
    {
        if (_busy || !await Authorization.DemandAsync(Policies.CanEdit, "save test cases"))
        {
            return false;
        }

        if (InvalidRowCount > 0)
        {
            _problems = [new TemplateProblem("cases", string.Create(CultureInfo.InvariantCulture, $"{InvalidRowCount} rows have problems (marked in red); fix them before saving."))];
            return false;
        }

        _busy = true;
        try
        {
            var saved = await TestCases.ReplaceSetAsync(TemplateId, _set, ToCases(), _lifetime.Token);
            if (!saved.Succeeded)
            {
                _problems = saved.Problems;
                return false;
            }

            _problems = [];
            await LoadSetsAsync();
            await LoadRowsAsync(); // shows the stored (redacted) values
            Snackbar.Add(string.Create(CultureInfo.InvariantCulture, $"Saved {saved.Value} cases in '{_set}'."), Severity.Success);
            return true;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DiscardAsync() => await LoadRowsAsync();

    private async Task SelectSetAsync(string name)
    {
        if (name == _set)
        {
            return;
        }

        if (_dirty && await Dialogs.ShowMessageBoxAsync("Unsaved cases", $"Discard the unsaved changes to '{_set}'?", yesText: "Discard", cancelText: "Keep editing") != true)
        {
            return;
        }

        _set = name;
        await LoadRowsAsync();
    }

    private void CreateSet()
    {
        var name = _newSetName.Trim();
        _newSetProblem = TestCaseService.CheckSetName(name) ?? (_sets.Any(s => s.Name == name) ? $"There is already a set named '{name}'." : null);
        if (_newSetProblem is not null)
        {
            return;
        }

        // A set exists once it has cases: the new one starts as an unsaved empty table.
        _set = name;
        _rows.Clear();
        AddRow();
        _creatingSet = false;
        _newSetName = "";
    }

    private async Task RenameSetAsync()
    {
        var name = _renameTo.Trim();
        _renameProblem = TestCaseService.CheckSetName(name) ?? (_sets.Any(s => s.Name == name) ? $"There is already a set named '{name}'." : null);
        if (_renameProblem is not null || _busy || !await Authorization.DemandAsync(Policies.CanEdit, "rename a test set"))
        {
            return;
        }

        _busy = true;
        try
        {
            var cases = (await TestCases.ListAsync(TemplateId, _set, _lifetime.Token)).Select(c => c.Case).ToList();
            var copied = await TestCases.ReplaceSetAsync(TemplateId, name, cases, _lifetime.Token);
            if (!copied.Succeeded)
            {
                _renameProblem = string.Join(" ", copied.Problems.Select(p => p.Message));
                return;
            }

            await TestCases.ReplaceSetAsync(TemplateId, _set, [], _lifetime.Token);
            _set = name;
            _renaming = false;
            await LoadSetsAsync();
            if (!_dirty)
            {
                await LoadRowsAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteSetAsync()
    {
        if (_busy || !await Authorization.DemandAsync(Policies.CanEdit, "delete a test set") || await Dialogs.ShowMessageBoxAsync("Delete test set", $"Delete the test set '{_set}' and its cases? Batches already run keep their results.", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        _busy = true;
        try
        {
            await TestCases.ReplaceSetAsync(TemplateId, _set, [], _lifetime.Token);
            await LoadSetsAsync();
            _set = _sets.Count > 0 ? _sets[0].Name : TestCaseService.DefaultSet;
            await LoadRowsAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Reads the chosen file (within the size limit) and shows what the importer found; nothing is stored yet.</summary>
    private async Task OnFileChosenAsync(IBrowserFile? file)
    {
        _import = null;
        _importFileProblem = null;
        _importFileName = file?.Name;
        if (file is null)
        {
            return;
        }

        if (file.Size > TestCaseImporter.MaxFileBytes)
        {
            _importFileProblem = string.Create(CultureInfo.InvariantCulture, $"{file.Name} is {file.Size / 1024.0 / 1024.0:0.0} MB; the limit is {TestCaseImporter.MaxFileBytes / 1024 / 1024} MB.");
            return;
        }

        string text;
        try
        {
            await using var stream = file.OpenReadStream(TestCaseImporter.MaxFileBytes, _lifetime.Token);
            using var reader = new StreamReader(stream);
            text = await reader.ReadToEndAsync(_lifetime.Token);
        }
        catch (IOException ex)
        {
            _importFileProblem = $"{file.Name} could not be read: {ex.Message}";
            return;
        }

        _import = TestCaseImporter.Import(text, FormatOf(file.Name), Declared);
    }

    internal static TestCaseImportFormat FormatOf(string fileName) =>
        fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)
            ? TestCaseImportFormat.Csv
            : TestCaseImportFormat.Jsonl;

    private void CancelImport()
    {
        _import = null;
        _importFileName = null;
        _importFileProblem = null;
    }

    /// <summary>Puts the valid imported rows into the table (replacing or appending) and saves the set.</summary>
    private async Task ApplyImportAsync()
    {
        if (_import is not { Cases.Count: > 0 } import || !await Authorization.DemandAsync(Policies.CanEdit, "import test cases"))
        {
            return;
        }

        if (!_importAppend)
        {
            _rows.Clear();
        }

        foreach (var testCase in import.Cases)
        {
            _rows.Add(ToRow(testCase));
        }

        var count = import.Cases.Count;
        _import = null;
        _importFileName = null;
        _dirty = true;
        if (await SaveAsync())
        {
            Snackbar.Add(string.Create(CultureInfo.InvariantCulture, $"Imported {count} cases into '{_set}'."), Severity.Success);
        }
    }

    private async Task RunBatchAsync()
    {
        if (_dirty && !await SaveAsync())
        {
            return;
        }

        await LoadSetsAsync();
        if (await RunBatchDialog.ShowAsync(Dialogs, Version, TemplateName, _sets, _set) is { } id)
        {
            Navigation.NavigateTo($"batches/{id}");
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

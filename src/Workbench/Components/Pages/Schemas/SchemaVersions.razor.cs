using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Schemas;

public partial class SchemaVersions : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private SchemaSummary? _schema;
    private IReadOnlyList<SchemaVersionInfo> _versions = [];
    private int _left;
    private int _right;
    private TextDiff? _diff;

    [Parameter] public Guid SchemaId { get; set; }

    [Inject] public required SchemaService Schemas { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _schema = await Schemas.GetAsync(SchemaId, _cts.Token);
        _versions = await Schemas.ListVersionsAsync(SchemaId, _cts.Token);
        if (_versions.Count >= 2)
        {
            _right = _versions[0].Number;
            _left = _versions[1].Number;
        }

        Compare();
    }

    private void Pick(int number)
    {
        // Clicking moves the older end or the newer end, whichever is nearer; the diff always reads old → new.
        if (number == _left || number == _right)
        {
            return;
        }

        if (Math.Abs(number - _left) <= Math.Abs(number - _right))
        {
            _left = number;
        }
        else
        {
            _right = number;
        }

        (_left, _right) = (Math.Min(_left, _right), Math.Max(_left, _right));
        Compare();
    }

    private void Compare()
    {
        var left = _versions.FirstOrDefault(v => v.Number == _left);
        var right = _versions.FirstOrDefault(v => v.Number == _right);
        _diff = left is null || right is null ? null : VersionDiffer.CompareText(left.SchemaJson, right.SchemaJson);
    }

    private async Task RestoreAsync(int number)
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "restore versions"))
        {
            return;
        }

        var outcome = await Schemas.RestoreAsNewVersionAsync(SchemaId, number, User.Name, _cts.Token);
        Snackbar.Add(outcome switch
        {
            SchemaSaveOutcome.Saved saved => $"Restored v{number} as v{saved.Version.Number}.",
            SchemaSaveOutcome.Conflict conflict => $"v{conflict.Latest.Number} was saved meanwhile; try again.",
            SchemaSaveOutcome.Rejected rejected => string.Join(" ", rejected.Problems.Select(p => p.ToString())),
            _ => "This schema no longer exists.",
        }, outcome is SchemaSaveOutcome.Saved ? Severity.Success : Severity.Warning);
        await LoadAsync();
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}

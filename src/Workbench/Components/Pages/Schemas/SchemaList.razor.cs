using Microsoft.AspNetCore.Components;
using Workbench.Core.Schemas;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Schemas;

public partial class SchemaList : IDisposable
{
    internal const string BlankSchema = SchemaService.BlankSchemaJson;

    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<SchemaSummary>? _schemas;
    private SchemaDraft? _newDraft;
    private string _newName = "";
    private string? _newDescription;
    private Guid? _editing;
    private string _editName = "";
    private string? _editDescription;
    private string? _editProblem;
    private string? _problem;
    private bool _busy;

    [Inject] public required SchemaService Schemas { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _newDraft = await Schemas.GetDraftAsync(null, User.Name, _cts.Token);
        _schemas = await Schemas.ListAsync(null, _cts.Token);
    }

    internal static string Slug(string name) => string.Concat(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-'));

    private async Task CreateAsync(string name, string? description, string schemaJson)
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "create schemas"))
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Schemas.CreateAsync(new NewSchema(name, description, schemaJson), User.Name, _cts.Token);
            if (result.Succeeded)
            {
                Navigation.NavigateTo($"schemas/{result.Value!.Id}");
                return;
            }

            _problem = string.Join(" ", result.Problems.Select(p => p.Message));
        }
        finally
        {
            _busy = false;
        }
    }

    private void StartEdit(SchemaSummary schema)
    {
        _editing = schema.Id;
        _editName = schema.Name;
        _editDescription = schema.Description;
        _editProblem = null;
    }

    private void CancelEdit()
    {
        _editing = null;
        _editProblem = null;
    }

    private async Task SaveEditAsync()
    {
        if (_editing is not { } id || _busy || !await Authorization.DemandAsync(Policies.CanEdit, "edit schemas"))
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Schemas.UpdateMetadataAsync(id, _editName ?? "", _editDescription, _cts.Token);
            if (!result.Succeeded)
            {
                _editProblem = string.Join(" ", result.Problems.Select(p => p.Message));
                return;
            }

            _editing = null;
            _editProblem = null;
            _schemas = await Schemas.ListAsync(null, _cts.Token);
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}

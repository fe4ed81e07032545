using Microsoft.AspNetCore.Components;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Components.Pages.Templates;

/// <summary>
/// Chooses <see cref="TemplateContent.OutputSchema"/>: a schema and the exact version the template version pins.
/// Reports the schema of the linked version (self-contained: referenced stored schemas copied in) through
/// <see cref="SchemaJsonChanged"/> so the preview can show how it is sent.
/// </summary>
public partial class OutputSchemaPicker : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<SchemaSummary> _schemas = [];
    private IReadOnlyList<SchemaVersionInfo> _versions = [];
    private SchemaVersionInfo? _linkedVersion;
    private OutputSchemaLink? _loadedFor;

    [Inject] public required SchemaService Schemas { get; init; }

    [Parameter] public OutputSchemaLink? Link { get; set; }

    [Parameter] public EventCallback<OutputSchemaLink?> LinkChanged { get; set; }

    /// <summary>The linked version's schema as sent to a model (null when none is linked or it no longer exists).</summary>
    [Parameter] public EventCallback<string?> SchemaJsonChanged { get; set; }

    protected override async Task OnInitializedAsync() => _schemas = await Schemas.ListAsync(null, _cts.Token);

    protected override async Task OnParametersSetAsync()
    {
        if (Equals(Link, _loadedFor) && (_loadedFor is not null || _linkedVersion is null))
        {
            return;
        }

        _loadedFor = Link;
        _versions = Link is null ? [] : await Schemas.ListVersionsAsync(Link.SchemaId, _cts.Token);
        _linkedVersion = Link is null ? null : _versions.FirstOrDefault(v => v.Number == Link.VersionNumber);
        // What a model is shown: references to other stored schemas are copied in (the self-contained form the run sends).
        var shown = _linkedVersion is null ? null : (await Schemas.CheckAsync(_linkedVersion.SchemaJson, _linkedVersion.SchemaId, _cts.Token)).SelfContainedJson;
        await SchemaJsonChanged.InvokeAsync(shown);
    }

    private async Task OnSchemaChangedAsync(Guid? schemaId)
    {
        if (schemaId is not { } id)
        {
            await LinkChanged.InvokeAsync(null);
            return;
        }

        var latest = await Schemas.GetLatestVersionAsync(id, _cts.Token);
        if (latest is not null)
        {
            await LinkChanged.InvokeAsync(new OutputSchemaLink(id, latest.Number));
        }
    }

    private Task OnVersionChanged(int number) =>
        Link is null ? Task.CompletedTask : LinkChanged.InvokeAsync(Link with { VersionNumber = number });

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Workbench.Core.Export;
using Workbench.Core.Templates;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Templates;

/// <summary>
/// Import a bundle or .prompty file: upload (size-limited), preview what would be created with a diff against the current
/// version, then confirm. The preview is computed again when confirming, and the import writes everything or nothing.
/// </summary>
public partial class TemplateImport : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private byte[]? _data;
    private string? _fileName;
    private string? _fileError;
    private ImportPreview? _preview;
    private TemplateContent? _latestContent;
    private bool _busy;

    [Inject] public required ImportService Import { get; init; }

    [Inject] public required TemplateService Templates { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private string SizeLimit => Describe(Import.MaxImportBytes);

    private async Task OnFileChangedAsync(IBrowserFile? file)
    {
        Reset();
        if (file is null)
        {
            return;
        }

        _fileName = file.Name;
        if (file.Size > Import.MaxImportBytes)
        {
            _fileError = $"“{file.Name}” is {Describe(file.Size)}; the limit is {SizeLimit} (Workbench:Export:MaxImportBytes).";
            return;
        }

        _busy = true;
        try
        {
            await using var stream = file.OpenReadStream(Import.MaxImportBytes, _lifetime.Token);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, _lifetime.Token);
            await ShowPreviewAsync(buffer.ToArray(), file.Name);
        }
        catch (IOException)
        {
            _fileError = $"“{file.Name}” could not be read completely; choose it again.";
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Reads <paramref name="data"/> and shows what importing it would do (also the entry point for tests).</summary>
    public async Task ShowPreviewAsync(byte[] data, string fileName)
    {
        _data = data;
        _fileName = fileName;
        _preview = await Import.PreviewAsync(data, fileName, _lifetime.Token);
        _latestContent = _preview.ExistingTemplateId is { } id ? (await Templates.GetLatestVersionAsync(id, _lifetime.Token))?.Content : null;
    }

    private async Task ApplyAsync()
    {
        if (_data is null || !await Authorization.DemandAsync(Policies.CanEdit, "import a template"))
        {
            return;
        }

        _busy = true;
        try
        {
            switch (await Import.ApplyAsync(_data, _fileName, User.Name, _lifetime.Token))
            {
                case ImportOutcome.Imported imported:
                    Snackbar.Add(imported.CreatedTemplate ? $"Created “{imported.TemplateName}”." : $"Added v{imported.VersionNumber} to “{imported.TemplateName}”.", Severity.Success);
                    Navigation.NavigateTo($"templates/{imported.TemplateId}/versions");
                    break;
                case ImportOutcome.Unchanged unchanged:
                    Snackbar.Add($"“{unchanged.TemplateName}” v{unchanged.VersionNumber} already has this content; nothing was imported.", Severity.Info);
                    break;
                case ImportOutcome.Rejected rejected:
                    // Something changed since the preview (another import, a save): show the new problems.
                    _preview = _preview! with { Problems = rejected.Problems };
                    break;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private void Reset()
    {
        _data = null;
        _fileName = null;
        _fileError = null;
        _preview = null;
        _latestContent = null;
    }

    private static string ActionText(ImportPreview preview) => preview.Action switch
    {
        ImportAction.NewTemplate => $"Creates the template “{preview.Package!.Name}” with this content as v1.",
        ImportAction.NewVersion => $"Adds v{preview.NewVersionNumber} to the existing template “{preview.Package!.Name}” (its latest is v{preview.LatestVersionNumber}); labels stay where they are.",
        ImportAction.Unchanged => $"“{preview.Package!.Name}” v{preview.LatestVersionNumber} already has exactly this content: there is nothing to import.",
        _ => "",
    };

    private static string? SchemaText(ImportPreview preview) => preview.SchemaAction switch
    {
        SchemaImportAction.Create => $"Output schema: creates “{preview.Package!.Schema!.Name}” v1.",
        SchemaImportAction.NewVersion => $"Output schema: adds v{preview.SchemaVersionNumber} to “{preview.Package!.Schema!.Name}” (the file's schema differs).",
        SchemaImportAction.Reuse => $"Output schema: links “{preview.Package!.Schema!.Name}” v{preview.SchemaVersionNumber} (identical).",
        _ => preview.Package is null ? null : "No output schema in the file: link one before this version can be exported again.",
    };

    private static string ConfirmText(ImportPreview preview) => preview.Action switch
    {
        ImportAction.NewTemplate => "Create template",
        ImportAction.NewVersion => $"Add v{preview.NewVersionNumber}",
        _ => "Import",
    };

    private static string Describe(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB";

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

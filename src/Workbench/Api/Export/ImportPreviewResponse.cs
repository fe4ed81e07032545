using Workbench.Core.Export;

namespace Workbench.Api.Export;

/// <summary>The answer to <c>?dryRun=true</c>: what the import would create, without writing anything.</summary>
internal sealed record ImportPreviewResponse(
    string Format,
    string Action,
    string Name,
    int? NewVersion,
    int? LatestVersion,
    string SchemaAction,
    string? SchemaName,
    int? SchemaVersion,
    int TestCases,
    int MessagesChanged,
    int LinesAdded,
    int LinesRemoved,
    IReadOnlyList<string> SettingsChanged,
    IReadOnlyList<string> VariablesChanged,
    IReadOnlyList<string> Warnings)
{
    public static ImportPreviewResponse From(ImportPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var diff = preview.Diff;
        return new ImportPreviewResponse(
            preview.Format,
            preview.Action switch
            {
                ImportAction.NewTemplate => "new-template",
                ImportAction.NewVersion => "new-version",
                ImportAction.Unchanged => "unchanged",
                _ => "none",
            },
            preview.Package?.Name ?? "",
            preview.NewVersionNumber,
            preview.LatestVersionNumber,
            preview.SchemaAction switch
            {
                SchemaImportAction.Create => "create",
                SchemaImportAction.NewVersion => "new-version",
                SchemaImportAction.Reuse => "reuse",
                _ => "none",
            },
            preview.Package?.Schema?.Name,
            preview.SchemaVersionNumber,
            preview.Package?.TestCases.Count ?? 0,
            diff?.MessagesChanged ?? 0,
            diff?.LinesAdded ?? 0,
            diff?.LinesRemoved ?? 0,
            [.. diff?.Settings.Select(s => s.Name) ?? []],
            [.. diff?.Variables.Select(v => v.Name) ?? []],
            preview.Warnings);
    }
}

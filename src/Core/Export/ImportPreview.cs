using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>
/// What importing a file would create, shown before anything is written: the template action (with a diff against the
/// latest version when it adds one), the schema action, test cases, and every problem that stops the import.
/// </summary>
public sealed record ImportPreview(
    string Format,
    TemplatePackage? Package,
    ImportAction Action,
    Guid? ExistingTemplateId,
    int? LatestVersionNumber,
    VersionDiff? Diff,
    SchemaImportAction SchemaAction,
    int? SchemaVersionNumber,
    int TestCasesStored,
    IReadOnlyList<TemplateProblem> Problems,
    IReadOnlyList<string> Warnings)
{
    /// <summary>True when applying would write something and nothing stops it.</summary>
    public bool CanApply => Problems.Count == 0 && Action is ImportAction.NewTemplate or ImportAction.NewVersion;

    /// <summary>The number the imported version gets.</summary>
    public int? NewVersionNumber => Action switch
    {
        ImportAction.NewTemplate => 1,
        ImportAction.NewVersion => LatestVersionNumber + 1,
        _ => null,
    };

    public static ImportPreview Rejected(string format, IReadOnlyList<TemplateProblem> problems, IReadOnlyList<string>? warnings = null) =>
        new(format, null, ImportAction.None, null, null, null, SchemaImportAction.None, null, 0, problems, warnings ?? []);
}

namespace Workbench.Core.Export;

/// <summary>What happened when a template version was exported.</summary>
public abstract record ExportOutcome
{
    private ExportOutcome() { }

    public sealed record Exported(ExportFile File) : ExportOutcome;

    /// <summary>The version is not validated, or the format cannot express it: every reason, none written.</summary>
    public sealed record NotExportable(IReadOnlyList<ExportBlocker> Blockers) : ExportOutcome;

    /// <summary>No such template, version or label.</summary>
    public sealed record NotFound(string Message) : ExportOutcome;
}

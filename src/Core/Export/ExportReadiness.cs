namespace Workbench.Core.Export;

/// <summary>Whether a template version is validated (and so exportable), every reason it is not, and the batch evidence used.</summary>
public sealed record ExportReadiness(IReadOnlyList<ExportBlocker> Blockers, BatchEvidence? Evidence)
{
    public bool IsExportable => Blockers.Count == 0;
}

namespace Workbench.Core.Export;

/// <summary>
/// Where the exportability rule learns how a template version did on its test cases. The batch feature supplies the real
/// implementation; until then <see cref="NoExportEvidence"/> reports that no batch has run.
/// </summary>
public interface IExportEvidence
{
    /// <summary>The most recent batch of <paramref name="versionNumber"/> over the template's test cases, or null when none has run.</summary>
    Task<BatchEvidence?> GetLatestBatchAsync(Guid templateId, int versionNumber, CancellationToken cancellationToken = default);
}

namespace Workbench.Core.Export;

/// <summary>The default <see cref="IExportEvidence"/> while batches are not wired in: no batch has ever run.</summary>
public sealed class NoExportEvidence : IExportEvidence
{
    public Task<BatchEvidence?> GetLatestBatchAsync(Guid templateId, int versionNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult<BatchEvidence?>(null);
}

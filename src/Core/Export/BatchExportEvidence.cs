using Microsoft.EntityFrameworkCore;
using Workbench.Core.Batches;
using Workbench.Core.Persistence;

namespace Workbench.Core.Export;

/// <summary>
/// <see cref="IExportEvidence"/> from stored batches: the most recent batch of the version that ran a stored test set
/// (ad-hoc case lists do not count as "its test cases"), with its evaluated and passed counts and the models it used.
/// </summary>
public sealed class BatchExportEvidence(IDbContextFactory<WorkbenchDbContext> dbFactory, BatchStore batches) : IExportEvidence
{
    public async Task<BatchEvidence?> GetLatestBatchAsync(Guid templateId, int versionNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.Batches.AsNoTracking()
            .Where(b => b.TemplateId == templateId && b.TemplateVersion == versionNumber && b.TestSet != null)
            .OrderByDescending(b => b.CreatedAtUtc)
            .Select(b => (Guid?)b.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not { } id || await batches.GetAsync(id, cancellationToken) is not { } summary)
        {
            return null;
        }

        var models = summary.Settings.Select(s => string.IsNullOrEmpty(s.Provider) ? s.Model ?? "" : $"{s.Provider}/{s.Model}")
            .Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return new BatchEvidence(summary.Id, summary.Status == BatchStatus.Completed, summary.Evaluated, summary.Passed, models,
            summary.FinishedAtUtc is { } finished ? DateTime.SpecifyKind(finished, DateTimeKind.Utc) : null)
        {
            Status = summary.Status.ToString().ToLowerInvariant(),
        };
    }
}

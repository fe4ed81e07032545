using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;

namespace Workbench.Core.History;

/// <summary>The newest stored runs, for the simple <c>/runs</c> list (a full history with filters comes later).</summary>
public sealed class RecentRuns(IDbContextFactory<WorkbenchDbContext> dbFactory)
{
    public const int MaxCount = 500;

    /// <summary>Up to <paramref name="count"/> runs (1..<see cref="MaxCount"/>), newest first.</summary>
    public async Task<IReadOnlyList<RunSummary>> ListAsync(int count = 100, CancellationToken cancellationToken = default)
    {
        count = Math.Clamp(count, 1, MaxCount);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .OrderByDescending(r => r.CreatedAtUtc)
            .ThenByDescending(r => r.Id)
            .Take(count)
            .Select(r => new RunSummary(r.Id, r.Status, r.TemplateName, r.TemplateVersion, r.Provider, r.Model, r.AttemptCount, r.CreatedAtUtc, r.FinishedAtUtc))
            .ToListAsync(cancellationToken);
    }
}

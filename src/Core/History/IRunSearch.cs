using Workbench.Core.Persistence;

namespace Workbench.Core.History;

/// <summary>
/// Full-text search over the redacted input and output of runs, behind a seam so each database brings its own
/// (SQLite FTS5 now, PostgreSQL tsvector later: ADR-014). The result is a query the history filters compose onto.
/// </summary>
public interface IRunSearch
{
    /// <summary>The runs matching <paramref name="expression"/> (built by <see cref="RunSearchExpression"/>).</summary>
    IQueryable<RunEntity> Matching(WorkbenchDbContext db, string expression);

    /// <summary>How many runs match <paramref name="expression"/> (used when there is no other filter).</summary>
    Task<int> CountAsync(WorkbenchDbContext db, string expression, CancellationToken cancellationToken);
}

using Workbench.Core.Persistence;

namespace Workbench.Core.History;

/// <summary>
/// Full-text search over the redacted input and output of runs, behind a seam so each database brings its own
/// (SQLite FTS5: ADR-014; PostgreSQL tsvector: ADR-020). The result is a query the history filters compose onto.
/// Both take what the user typed, already checked by <see cref="RunSearchExpression.Build"/>, and give it the same
/// meaning: every word must match (as a phrase of its letters and digits), the last one also as a prefix.
/// </summary>
public interface IRunSearch
{
    /// <summary>The runs matching the search <paramref name="text"/> (valid for <see cref="RunSearchExpression.Build"/>).</summary>
    IQueryable<RunEntity> Matching(WorkbenchDbContext db, string text);

    /// <summary>How many runs match the search <paramref name="text"/> (used when there is no other filter).</summary>
    Task<int> CountAsync(WorkbenchDbContext db, string text, CancellationToken cancellationToken);
}

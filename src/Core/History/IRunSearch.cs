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

    /// <summary>
    /// The same runs as <see cref="Matching"/>, for a word that matches many runs: written so the database can walk the
    /// runs in the query's sort order (by time) and stop after the page, instead of collecting every match first.
    /// A database whose search is already a per-row test can return <see cref="Matching"/>.
    /// </summary>
    IQueryable<RunEntity> MatchingMany(WorkbenchDbContext db, string expression);

    /// <summary>
    /// How many runs match <paramref name="expression"/>, counting at most <paramref name="limit"/> (used when there is no
    /// other filter; a result equal to the limit means "at least that many").
    /// </summary>
    Task<int> CountAsync(WorkbenchDbContext db, string expression, int limit, CancellationToken cancellationToken);
}

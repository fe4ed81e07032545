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

    /// <summary>
    /// The same runs as <see cref="Matching"/>, for a word that matches many runs: written so the database can walk the
    /// runs in the query's sort order (by time) and stop after the page, instead of collecting every match first.
    /// A database whose search is already a per-row test can return <see cref="Matching"/>.
    /// </summary>
    IQueryable<RunEntity> MatchingMany(WorkbenchDbContext db, string text);

    /// <summary>
    /// How many runs match the search <paramref name="text"/>, counting at most <paramref name="limit"/> (used when there is no
    /// other filter; a result equal to the limit means "at least that many").
    /// </summary>
    Task<int> CountAsync(WorkbenchDbContext db, string text, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the index up to date with every committed run before a search (SQLite indexes in the background, ADR-029;
    /// an index the database keeps itself has nothing to do).
    /// </summary>
    Task CatchUpAsync(WorkbenchDbContext db, CancellationToken cancellationToken);
}

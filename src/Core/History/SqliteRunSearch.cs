using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;
using Workbench.Core.Persistence.Sql;

namespace Workbench.Core.History;

/// <summary>
/// SQLite FTS5: the contentless <c>RunSearch</c> index (<see cref="RunSearchSql"/>), fed from the queue the run triggers
/// fill (<see cref="RunSearchIndex"/>, ADR-029).
/// </summary>
public sealed class SqliteRunSearch : IRunSearch
{
    public IQueryable<RunEntity> Matching(WorkbenchDbContext db, string text)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Runs.FromSqlRaw(RunSearchSql.Matching, Expression(text));
    }

    public IQueryable<RunEntity> MatchingMany(WorkbenchDbContext db, string text)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Runs.FromSqlRaw(RunSearchSql.MatchingEach, Expression(text));
    }

    public async Task<int> CountAsync(WorkbenchDbContext db, string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await db.Database.SqlQueryRaw<int>(RunSearchSql.Count, Expression(text), limit).SingleAsync(cancellationToken);
    }

    public Task CatchUpAsync(WorkbenchDbContext db, CancellationToken cancellationToken) => RunSearchIndex.CatchUpAsync(db, cancellationToken);

    private static string Expression(string text) =>
        RunSearchExpression.Build(text).Expression ?? throw new ArgumentException("The search text was not checked with RunSearchExpression.Build.", nameof(text));
}

using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;
using Workbench.Core.Persistence.Sql;

namespace Workbench.Core.History;

/// <summary>SQLite FTS5: the contentless <c>RunSearch</c> index kept by triggers (<see cref="RunSearchSql"/>).</summary>
public sealed class SqliteRunSearch : IRunSearch
{
    public IQueryable<RunEntity> Matching(WorkbenchDbContext db, string expression)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Runs.FromSqlRaw(RunSearchSql.Matching, expression);
    }

    public IQueryable<RunEntity> MatchingMany(WorkbenchDbContext db, string expression)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Runs.FromSqlRaw(RunSearchSql.MatchingEach, expression);
    }

    public async Task<int> CountAsync(WorkbenchDbContext db, string expression, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await db.Database.SqlQueryRaw<int>(RunSearchSql.Count, expression, limit).SingleAsync(cancellationToken);
    }
}

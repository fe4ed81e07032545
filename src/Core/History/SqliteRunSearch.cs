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

    public async Task<int> CountAsync(WorkbenchDbContext db, string expression, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Database.SqlQueryRaw<int>(RunSearchSql.Count, expression).SingleAsync(cancellationToken);
    }
}

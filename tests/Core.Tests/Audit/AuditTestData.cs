using Microsoft.EntityFrameworkCore;
using Workbench.Core.Audit;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.Audit;

/// <summary>Reads the audit trail of a test database.</summary>
internal static class AuditTestData
{
    public static AuditTrail Trail(TestDatabase database) => new(database.Factory, database.Time);

    public static async Task<IReadOnlyList<AuditEntry>> AllAsync(TestDatabase database, string? action = null) =>
        (await Trail(database).QueryAsync(new AuditQuery { Action = action, PageSize = AuditQuery.MaxPageSize }, Xunit.TestContext.Current.CancellationToken)).Entries;

    public static async Task<AuditEntry> SingleAsync(TestDatabase database, string action) => Assert.Single(await AllAsync(database, action));

    public static async Task<int> CountAsync(TestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        return await db.AuditEntries.CountAsync(Xunit.TestContext.Current.CancellationToken);
    }
}

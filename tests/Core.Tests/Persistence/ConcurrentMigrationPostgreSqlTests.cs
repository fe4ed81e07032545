using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Workbench.Core.Persistence;
using Workbench.Testing;

namespace Workbench.Core.Tests.Persistence;

/// <summary>
/// Several nodes starting at once against one empty PostgreSQL database (ADR-023): the start-up migration runs under an
/// advisory lock, so exactly one node applies each migration and every node starts.
/// </summary>
public class ConcurrentMigrationPostgreSqlTests
{
    [Fact]
    public async Task Initialize_FourNodesAtOnceOnAnEmptyDatabase_AllStartAndEachMigrationIsAppliedOnce()
    {
        var settings = DatabaseSettings.PostgreSql(await PostgreSqlServer.CreateDatabaseAsync());
        var factory = new ContextFactory(settings);
        var data = new TemporaryDataDirectory("workbench-core-tests");
        try
        {
            using var start = new SemaphoreSlim(0);
            var nodes = Enumerable.Range(0, 4).Select(async _ =>
            {
                await start.WaitAsync(Xunit.TestContext.Current.CancellationToken);
                await new DatabaseInitializer(factory, new DataDirectory(data.Path), NullLogger<DatabaseInitializer>.Instance)
                    .InitializeAsync(Xunit.TestContext.Current.CancellationToken);
            }).ToList();
            start.Release(4);

            await Task.WhenAll(nodes);

            await using var db = factory.CreateDbContext();
            var applied = (await db.Database.GetAppliedMigrationsAsync(Xunit.TestContext.Current.CancellationToken)).ToList();
            Assert.Equal(db.Database.GetMigrations(), applied);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Xunit.TestContext.Current.CancellationToken));
            Assert.Equal(0, await db.Templates.CountAsync(Xunit.TestContext.Current.CancellationToken));
        }
        finally
        {
            data.Delete();
        }
    }

    private sealed class ContextFactory(DatabaseSettings settings) : IDbContextFactory<WorkbenchDbContext>
    {
        public WorkbenchDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<WorkbenchDbContext>().UseWorkbenchDatabase(settings).Options);
    }
}

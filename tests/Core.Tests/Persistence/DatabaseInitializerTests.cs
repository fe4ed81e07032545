using Microsoft.EntityFrameworkCore;

namespace Workbench.Core.Tests.Persistence;

public class DatabaseInitializerTests
{
    [Fact]
    public async Task Initialize_FreshDirectory_CreatesFileAppliesAllMigrationsAndUsesWal()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ct = Xunit.TestContext.Current.CancellationToken;

        await using var db = await database.Factory.CreateDbContextAsync(ct);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(ct));
        Assert.True(File.Exists(Path.Combine(database.DataDirectory, "workbench.db")));

        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task Initialize_RunTwice_IsIdempotent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new Workbench.Core.Persistence.DatabaseInitializer(database.Factory, new(database.DataDirectory), Microsoft.Extensions.Logging.Abstractions.NullLogger<Workbench.Core.Persistence.DatabaseInitializer>.Instance)
            .InitializeAsync(Xunit.TestContext.Current.CancellationToken);
    }
}

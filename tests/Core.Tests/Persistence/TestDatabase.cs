using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Workbench.Core.Persistence;
using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Persistence;

/// <summary>A migrated SQLite database in a temporary folder, the same way the app creates it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "workbench-core-tests", Guid.NewGuid().ToString("N"));

    private TestDatabase()
    {
        Factory = new ContextFactory(DatabasePaths.ConnectionString(_directory));
    }

    public IDbContextFactory<WorkbenchDbContext> Factory { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public string DataDirectory => _directory;

    public static async Task<TestDatabase> CreateAsync()
    {
        var db = new TestDatabase();
        await new DatabaseInitializer(db.Factory, new DataDirectory(db._directory), NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
        return db;
    }

    public TemplateService CreateTemplateService() => new(Factory, Time, NullLogger<TemplateService>.Instance);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private sealed class ContextFactory(string connectionString) : IDbContextFactory<WorkbenchDbContext>
    {
        public WorkbenchDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<WorkbenchDbContext>()
                .UseSqlite(connectionString)
                .AddInterceptors(new ImmutableEntityInterceptor())
                .Options);
    }
}

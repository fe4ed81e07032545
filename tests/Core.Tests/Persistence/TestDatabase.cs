using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Workbench.Core.Persistence;
using Workbench.Core.Redaction;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Testing;

namespace Workbench.Core.Tests.Persistence;

/// <summary>A migrated SQLite database in a temporary folder, the same way the app creates it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TemporaryDataDirectory _data = new("workbench-core-tests");

    private TestDatabase()
    {
        Factory = new ContextFactory(DatabasePaths.ConnectionString(_data.Path));
    }

    public IDbContextFactory<WorkbenchDbContext> Factory { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public string DataDirectory => _data.Path;

    public static async Task<TestDatabase> CreateAsync()
    {
        var db = new TestDatabase();
        await new DatabaseInitializer(db.Factory, new DataDirectory(db._data.Path), NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
        return db;
    }

    public TemplateService CreateTemplateService() => new(Factory, Time, NullLogger<TemplateService>.Instance);

    public SchemaService CreateSchemaService() => new(Factory, Time, NullLogger<SchemaService>.Instance);

    public ValueTask DisposeAsync()
    {
        _data.Delete();

        return ValueTask.CompletedTask;
    }

    private sealed class ContextFactory(string connectionString) : IDbContextFactory<WorkbenchDbContext>
    {
        public WorkbenchDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<WorkbenchDbContext>()
                .UseSqlite(connectionString)
                .AddInterceptors(new ImmutableEntityInterceptor(), new RedactionInterceptor(Redactor.CreateDefault()), new SqlitePragmaInterceptor())
                .Options);
    }
}

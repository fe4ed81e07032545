using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Workbench.Core.History;
using Workbench.Core.Persistence;
using Workbench.Core.Redaction;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Testing;

namespace Workbench.Core.Tests.Persistence;

/// <summary>
/// A migrated database, the same way the app creates it: SQLite in a temporary folder, or (ADR-020) a fresh database on
/// the throwaway PostgreSQL cluster of <see cref="PostgreSqlServer"/> (the test is skipped where PostgreSQL is absent).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TemporaryDataDirectory _data;

    private TestDatabase(TemporaryDataDirectory data, DatabaseSettings settings)
    {
        _data = data;
        Settings = settings;
        Factory = new ContextFactory(settings);
    }

    public DatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    public IDbContextFactory<WorkbenchDbContext> Factory { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public string DataDirectory => _data.Path;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var data = new TemporaryDataDirectory("workbench-core-tests");
        var settings = provider == DatabaseProvider.PostgreSql
            ? DatabaseSettings.PostgreSql(await PostgreSqlServer.CreateDatabaseAsync())
            : DatabaseSettings.Sqlite(data.Path);
        var db = new TestDatabase(data, settings);
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

    /// <summary>The maintenance (secure delete, compaction) of this database's engine.</summary>
    public IDatabaseMaintenance CreateMaintenance() =>
        Provider == DatabaseProvider.PostgreSql ? new PostgreSqlDatabaseMaintenance(Factory) : new SqliteDatabaseMaintenance(Factory);

    /// <summary>Everything stored, as text: the SQLite files, or every PostgreSQL row (<see cref="RawDatabaseFile"/>).</summary>
    public Task<string> ReadRawAsync(CancellationToken cancellationToken) => RawDatabaseFile.ReadAsync(Settings, DataDirectory, cancellationToken);

    /// <summary>The runs search of this database's engine.</summary>
    public IRunSearch CreateRunSearch() => Provider == DatabaseProvider.PostgreSql ? new PostgreSqlRunSearch() : new SqliteRunSearch();

    private sealed class ContextFactory(DatabaseSettings settings) : IDbContextFactory<WorkbenchDbContext>
    {
        public WorkbenchDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<WorkbenchDbContext>()
                .UseWorkbenchDatabase(settings)
                .AddInterceptors(new ImmutableEntityInterceptor(), new RedactionInterceptor(Redactor.CreateDefault()))
                .Options);
    }
}

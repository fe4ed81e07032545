using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workbench.Core.Audit;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.DataProtection;
using Workbench.Core.Export;
using Workbench.Core.History;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Redaction;
using Workbench.Core.Retention;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Work;

namespace Workbench.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers options (validated at start-up), the database and the Core services.</summary>
    public static IServiceCollection AddWorkbenchCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkbenchOptions>().BindConfiguration(WorkbenchOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkbenchOptions>, ConfigurationKeyValidator>();
        services.AddSingleton<IValidateOptions<WorkbenchOptions>, DataDirectoryValidator>();
        services.AddSingleton<IValidateOptions<WorkbenchOptions>, AuditRetentionValidator>();
        services.AddSingleton<IValidateOptions<WorkbenchOptions>, DatabaseOptionsValidator>();
        services.AddSingleton<IValidateOptions<WorkbenchOptions>, LeaseOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DataDirectory(DatabasePaths.ResolveDataDirectory(
            sp.GetRequiredService<IOptions<WorkbenchOptions>>().Value.DataDirectory,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<ImmutableEntityInterceptor>();
        services.AddSingleton<RedactionInterceptor>();
        services.AddSingleton(sp => DatabaseSettingsFor(
            sp.GetRequiredService<IOptions<WorkbenchOptions>>().Value.Database, configuration, sp.GetRequiredService<DataDirectory>()));
        // Pooled (ADR-019): a context per operation stays the rule, but contexts are reset and reused instead of built each
        // time. The options are built once from the root provider, so every interceptor must be a singleton (they are).
        // The engine (SQLite or PostgreSQL) is chosen in one place, UseWorkbenchDatabase (ADR-020).
        services.AddPooledDbContextFactory<WorkbenchDbContext>((sp, options) => options
            .UseWorkbenchDatabase(sp.GetRequiredService<DatabaseSettings>())
            .AddInterceptors(sp.GetRequiredService<ImmutableEntityInterceptor>(), sp.GetRequiredService<RedactionInterceptor>()));
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService<DatabaseMigrationService>();
        // After the migrations: the key ring lives in the database and is checked against this node's key (ADR-023).
        services.AddWorkbenchDataProtection(configuration);
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<TemplateService>();
        services.AddWorkbenchProviders(configuration);
        services.AddWorkbenchRedaction();
        services.AddSingleton<SchemaService>();
        services.AddSingleton<RunPreparationCache>();
        services.AddSingleton<RunEngine>();
        services.AddSingleton<SqliteDatabaseMaintenance>();
        services.AddSingleton<PostgreSqlDatabaseMaintenance>();
        services.AddSingleton<IDatabaseMaintenance>(sp => sp.GetRequiredService<DatabaseSettings>().IsSqlite
            ? sp.GetRequiredService<SqliteDatabaseMaintenance>()
            : sp.GetRequiredService<PostgreSqlDatabaseMaintenance>());
        services.AddSingleton<RunStore>();
        services.AddSingleton<RunRetention>();
        services.AddHostedService<RunRetentionService>();
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<RunQueue>();
        services.AddSingleton<RunExecutor>();
        services.AddSingleton<RunService>();
        services.AddSingleton<RunWorker>();
        services.AddSingleton<IHostedService>(sp => OnSqlite(sp) ? sp.GetRequiredService<RunWorker>() : IdleService.Instance);
        services.TryAddSingleton<IRunSearch>(sp => sp.GetRequiredService<DatabaseSettings>().IsSqlite ? new SqliteRunSearch() : new PostgreSqlRunSearch());
        services.AddSingleton<RunHistory>();
        services.AddSingleton<RunInsights>();
        services.AddSingleton<VerdictService>();
        services.AddSingleton<RunReplay>();
        services.AddSingleton<BatchComparer>();
        services.AddSingleton<BatchStore>();
        services.AddSingleton<BatchNotifier>();
        services.AddSingleton<TestCaseService>();
        services.AddSingleton<BatchRunner>();
        services.AddSingleton<IHostedService>(sp => OnSqlite(sp) ? sp.GetRequiredService<BatchRunner>() : IdleService.Instance);
        services.AddSingleton<BatchService>();
        services.AddSingleton<RunPathWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<RunPathWarmUp>());

        // Where runs and batches are executed (ADR-022), chosen here only: the in-process channels of one node on SQLite,
        // the leased work queue table shared by every node on PostgreSQL.
        services.AddSingleton<InProcessWorkDispatcher>();
        services.AddSingleton<WorkNode>();
        services.AddSingleton<WorkItemStore>();
        services.AddSingleton<WorkPayloadSealer>();
        services.AddSingleton<ClusterSignals>();
        services.AddSingleton<DatabaseWorkDispatcher>();
        services.AddSingleton<DatabaseWorker>();
        services.AddSingleton<IWorkDispatcher>(sp => OnSqlite(sp) ? sp.GetRequiredService<InProcessWorkDispatcher>() : sp.GetRequiredService<DatabaseWorkDispatcher>());
        services.AddSingleton<IHostedService>(sp => OnSqlite(sp) ? IdleService.Instance : sp.GetRequiredService<ClusterSignals>());
        services.AddSingleton<IHostedService>(sp => OnSqlite(sp) ? IdleService.Instance : sp.GetRequiredService<DatabaseWorker>());
        services.AddSingleton<TestSetBridge>();
        services.TryAddSingleton<IExportEvidence, BatchExportEvidence>();
        services.TryAddSingleton<ITestCaseSource>(sp => sp.GetRequiredService<TestSetBridge>());
        services.TryAddSingleton<ITestCaseSink>(sp => sp.GetRequiredService<TestSetBridge>());
        services.AddSingleton<ExportService>();
        services.AddSingleton<ImportService>();
        return services;
    }

    private static bool OnSqlite(IServiceProvider services) => services.GetRequiredService<DatabaseSettings>().IsSqlite;

    /// <summary>The engine chosen by <c>Workbench:Database:Provider</c> (validated at start-up by <see cref="DatabaseOptionsValidator"/>).</summary>
    private static DatabaseSettings DatabaseSettingsFor(DatabaseOptions options, IConfiguration configuration, DataDirectory dataDirectory) =>
        DatabaseProviderNames.Parse(options.Provider) == DatabaseProvider.PostgreSql
            ? DatabaseSettings.PostgreSql(configuration[DatabaseSettings.ConnectionVariable] ?? "")
            : DatabaseSettings.Sqlite(dataDirectory.Path);
}

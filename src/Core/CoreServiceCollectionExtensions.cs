using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.Export;
using Workbench.Core.History;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Redaction;
using Workbench.Core.Retention;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

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

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DataDirectory(DatabasePaths.ResolveDataDirectory(
            sp.GetRequiredService<IOptions<WorkbenchOptions>>().Value.DataDirectory,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<ImmutableEntityInterceptor>();
        services.AddSingleton<RedactionInterceptor>();
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddDbContextFactory<WorkbenchDbContext>((sp, options) => options
            .UseSqlite(DatabasePaths.ConnectionString(sp.GetRequiredService<DataDirectory>().Path))
            .AddInterceptors(sp.GetRequiredService<ImmutableEntityInterceptor>(), sp.GetRequiredService<RedactionInterceptor>(), sp.GetRequiredService<SqlitePragmaInterceptor>()));
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService<DatabaseMigrationService>();
        services.AddSingleton<TemplateService>();
        services.AddWorkbenchProviders(configuration);
        services.AddWorkbenchRedaction();
        services.AddSingleton<SchemaService>();
        services.AddSingleton<RunEngine>();
        services.AddSingleton<IDatabaseMaintenance, SqliteDatabaseMaintenance>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<RunRetention>();
        services.AddHostedService<RunRetentionService>();
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<RunQueue>();
        services.AddSingleton<RunExecutor>();
        services.AddSingleton<RunService>();
        services.AddHostedService<RunWorker>();
        services.TryAddSingleton<IRunSearch, SqliteRunSearch>();
        services.AddSingleton<RunHistory>();
        services.AddSingleton<RunInsights>();
        services.AddSingleton<VerdictService>();
        services.AddSingleton<RunReplay>();
        services.AddSingleton<BatchComparer>();
        services.AddSingleton<BatchStore>();
        services.AddSingleton<BatchNotifier>();
        services.AddSingleton<TestCaseService>();
        services.AddSingleton<BatchRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<BatchRunner>());
        services.AddSingleton<BatchService>();
        services.AddSingleton<TestSetBridge>();
        services.TryAddSingleton<IExportEvidence, BatchExportEvidence>();
        services.TryAddSingleton<ITestCaseSource>(sp => sp.GetRequiredService<TestSetBridge>());
        services.TryAddSingleton<ITestCaseSink>(sp => sp.GetRequiredService<TestSetBridge>());
        services.AddSingleton<ExportService>();
        services.AddSingleton<ImportService>();
        return services;
    }
}

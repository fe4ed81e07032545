using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;

namespace Workbench.Core.DataProtection;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>The application name every node shares: keys and payloads are isolated by it.</summary>
    public const string ApplicationName = "PromptWorkbench";

    /// <summary>
    /// Data protection (sign-in cookies, antiforgery tokens, sealed queued work) with its key ring in the database, so
    /// every node sharing the database shares the keys, encrypted at rest with the <see cref="KeyRingEncryptionKey"/>
    /// (ADR-023). Call after the database is registered; the key ring is checked at start-up after the migrations.
    /// </summary>
    public static IServiceCollection AddWorkbenchDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<WorkbenchOptions>, DataProtectionKeyValidator>();
        services.AddSingleton(sp => KeyRingEncryptionKeyLoader.Load(
            configuration,
            sp.GetRequiredService<DatabaseSettings>(),
            sp.GetRequiredService<DataDirectory>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<KeyRingEncryptionKey>()));
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<WorkbenchDbContext>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KeyRingEncryptionSetup>();
        services.AddHostedService<KeyRingCheck>();
        return services;
    }
}

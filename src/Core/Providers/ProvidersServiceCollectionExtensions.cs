using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Workbench.Core.Providers;

public static class ProvidersServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>Workbench:Providers</c> (validated at start-up, the <c>simulated</c> provider always present),
    /// one <see cref="IHttpClientFactory"/> client per provider with the transport pipeline, and the <see cref="ProviderCatalog"/>.
    /// </summary>
    public static IServiceCollection AddWorkbenchProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProvidersOptions>()
            .Bind(configuration.GetSection(ProvidersOptions.SectionName))
            .PostConfigure(o => o.EnsureSimulated())
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvidersOptions>>(new ProvidersOptionsValidator(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddHttpClient();
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>, ProviderHttpClientSetup>();
        services.TryAddSingleton<ProviderCatalog>();
        services.TryAddSingleton<IChatClientFactory>(sp => sp.GetRequiredService<ProviderCatalog>());
        return services;
    }
}

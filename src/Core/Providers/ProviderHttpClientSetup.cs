using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workbench.Core.Providers;

/// <summary>
/// Configures the named <see cref="IHttpClientFactory"/> client of each provider (<see cref="ProviderCatalog.HttpClientName"/>):
/// outcome recorder, then the resilience handler of <see cref="TransportPolicy"/>; for the simulated provider the
/// primary handler is <see cref="SimulatedHttpHandler"/>. The HttpClient's own timeout is off: the per-attempt timeout
/// of the pipeline and the caller's cancellation decide.
/// </summary>
internal sealed class ProviderHttpClientSetup(IOptionsMonitor<ProvidersOptions> providers, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, HttpClientFactoryOptions options)
    {
        if (name is null || !name.StartsWith(ProviderCatalog.HttpClientNamePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var provider = name[ProviderCatalog.HttpClientNamePrefix.Length..];
        if (!providers.CurrentValue.Providers.TryGetValue(provider, out var settings))
        {
            return;
        }

        var logger = loggerFactory.CreateLogger("Workbench.Core.Providers.Transport");
        options.HttpClientActions.Add(client => client.Timeout = Timeout.InfiniteTimeSpan);
        options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            builder.AdditionalHandlers.Add(new TransportOutcomeHandler(timeProvider));
            builder.AdditionalHandlers.Add(TransportPolicy.CreateHandler(provider, settings, timeProvider, logger));
            if (settings.Kind == ProviderKind.Simulated)
            {
                builder.PrimaryHandler = new SimulatedHttpHandler(settings.Simulation, timeProvider);
            }
        });
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Workbench.Core.Providers;

namespace Workbench.Core.Tests.Providers.Fakes;

/// <summary>
/// The provider services as the app registers them, over an in-memory configuration, with fake servers as the primary
/// handlers and every log line captured. Keys live in uniquely named environment variables so tests can run in parallel.
/// </summary>
public sealed class ProviderTestHost : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<string> _variables = [];

    private ProviderTestHost(ServiceProvider services, CapturingLoggerProvider logs, List<string> variables)
    {
        _services = services;
        Logs = logs;
        _variables = variables;
    }

    public CapturingLoggerProvider Logs { get; }

    public ProviderCatalog Catalog => _services.GetRequiredService<ProviderCatalog>();

    public IServiceProvider Services => _services;

    /// <summary>A fake-looking key (the secrets scanner allows <c>sk-test-</c>), in a fresh environment variable.</summary>
    public static (string Variable, string Key) NewKey(string prefix = "sk-test-")
    {
        var variable = "WB_TEST_KEY_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        var key = prefix + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, key);
        return (variable, key);
    }

    public static ProviderTestHost Create(IDictionary<string, string?> settings, IDictionary<string, FakeProviderServer>? servers = null, IEnumerable<string>? variables = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddWorkbenchProviders(configuration);
        foreach (var (provider, server) in servers ?? new Dictionary<string, FakeProviderServer>())
        {
            services.Configure<HttpClientFactoryOptions>(ProviderCatalog.HttpClientName(provider), o =>
                o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = server));
        }

        return new ProviderTestHost(services.BuildServiceProvider(), logs, [.. variables ?? []]);
    }

    /// <summary>One provider named <paramref name="name"/> talking to <paramref name="server"/>, with fast retries.</summary>
    public static ProviderTestHost ForProvider(string name, string type, FakeProviderServer server, string? keyVariable, string? baseUrl = null, int maxRetries = 3, int timeoutSeconds = 30)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Workbench:Providers:{name}:Type"] = type,
            [$"Workbench:Providers:{name}:BaseUrl"] = baseUrl,
            [$"Workbench:Providers:{name}:ApiKeyVariable"] = keyVariable,
            [$"Workbench:Providers:{name}:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Workbench:Providers:{name}:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Workbench:Providers:{name}:RetryBaseDelayMilliseconds"] = "5",
            [$"Workbench:Providers:{name}:Models:0:Name"] = "gpt-test",
            [$"Workbench:Providers:{name}:Models:0:InputPricePerMillion"] = "2.5",
        };
        return Create(settings, new Dictionary<string, FakeProviderServer> { [name] = server }, keyVariable is null ? null : [keyVariable]);
    }

    public void Dispose()
    {
        _services.Dispose();
        foreach (var variable in _variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.DataProtection;
using Workbench.Core.Persistence;
using Workbench.Testing;

namespace Workbench.Tests.Hosting;

/// <summary>The real app in memory with its own temporary data directory, deleted on dispose.</summary>
public sealed class WorkbenchAppFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDataDirectory _data = new("workbench-tests");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public WorkbenchAppFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        _settings.TryAdd("Workbench:DataDirectory", DataDirectory);
        // No start-up warm-up (ADR-027) unless a test asks for it: hundreds of test hosts would each run one.
        _settings.TryAdd("Workbench:Runs:WarmUpCases", "0");
    }

    public string DataDirectory => _data.Path;

    /// <summary>Adds or replaces a setting; only before the app starts (the first use of Services or a client).</summary>
    public void UseSetting(string key, string? value) => _settings[key] = value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // PostgreSQL requires the key ring encryption key (ADR-023); a test that does not bring its own gets a fresh one.
        if (string.Equals(_settings.GetValueOrDefault(DatabaseSettings.ProviderKey), "postgresql", StringComparison.OrdinalIgnoreCase))
        {
            _settings.TryAdd(KeyRingEncryptionKey.Variable, KeyRingEncryptionKey.Generate());
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (ArgumentNullException)
        {
            // Stopping a host whose start failed (the bad-setting tests) trips over its empty service list.
        }

        _data.Delete();
    }
}

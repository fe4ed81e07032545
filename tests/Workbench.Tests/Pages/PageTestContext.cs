using Bunit.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using MudBlazor.Services;
using Workbench.Core;
using Workbench.Core.Persistence;
using Workbench.Hosting;
using Workbench.Privacy;
using Workbench.Security;
using Workbench.Testing;

namespace Workbench.Tests.Pages;

/// <summary>A bUnit context with MudBlazor and the real Core services over a migrated temporary SQLite database.</summary>
public sealed class PageTestContext : IAsyncDisposable
{
    private readonly TemporaryDataDirectory _data = new("workbench-page-tests");

    private readonly BunitContext _bunit = new();

    public PageTestContext(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var services = _bunit.Services;
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        services.AddMudServices();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Workbench:DataDirectory"] = _data.Path })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        services.AddLogging();
        services.AddFakeLogging();
        services.AddWorkbenchCore(configuration);
        services.AddRedactedLogging();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ActionAuthorization>();
        Authorization = _bunit.AddAuthorization();
        SignInAs(CurrentUser.LocalUserName, Roles.Admin);
        configureServices?.Invoke(services);
        _bunit.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync().GetAwaiter().GetResult();
    }

    public IServiceProvider Services => _bunit.Services;

    /// <summary>The signed-in user the rendered components see (admin "local" unless a test says otherwise).</summary>
    public BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs in as <paramref name="name"/> holding <paramref name="role"/>, with the policies that role satisfies.</summary>
    public void SignInAs(string name, string role)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(role);
        Authorization.SetPolicies(Policies.MinimumRole.Where(p => Roles.Includes(role, p.Value)).Select(p => p.Key).ToArray());
    }

    /// <summary>Everything logged, after the app's redacting logger.</summary>
    public FakeLogCollector Logs => _bunit.Services.GetFakeLogCollector();

    public IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        _bunit.Render(parameters);

    public async ValueTask DisposeAsync()
    {
        await _bunit.DisposeAsync();
        _data.Delete();
    }

    private sealed class TestHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";

        public string ApplicationName { get; set; } = "Workbench.Tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

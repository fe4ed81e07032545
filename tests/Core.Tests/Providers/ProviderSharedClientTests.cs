using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workbench.Core.Providers;

namespace Workbench.Core.Tests.Providers;

public class ProviderSharedClientTests
{
    [Fact]
    public void GetShared_SameProviderAndModel_ReturnsOneClient()
    {
        using var services = Build(new FakeTimeProvider());
        var catalog = services.GetRequiredService<ProviderCatalog>();

        var first = catalog.GetShared("simulated", "sim-1");
        var second = catalog.GetShared("simulated", "sim-1");

        Assert.True(first.Result.Succeeded);
        Assert.Same(first.Result.Client, second.Result.Client);
        Assert.True(first.Info!.SupportsNativeStructuredOutput);
    }

    [Fact]
    public void GetShared_OtherModel_BuildsItsOwnClient()
    {
        using var services = Build(new FakeTimeProvider());
        var catalog = services.GetRequiredService<ProviderCatalog>();

        var first = catalog.GetShared("simulated", "sim-1");
        var other = catalog.GetShared("simulated", "sim-2");

        Assert.NotSame(first.Result.Client, other.Result.Client);
    }

    [Fact]
    public void GetShared_AfterTheLifetime_BuildsANewClient()
    {
        var time = new FakeTimeProvider();
        using var services = Build(time);
        var catalog = services.GetRequiredService<ProviderCatalog>();
        var first = catalog.GetShared("simulated", "sim-1");

        time.Advance(ProviderCatalog.SharedClientLifetime + TimeSpan.FromSeconds(1));
        var later = catalog.GetShared("simulated", "sim-1");

        Assert.NotSame(first.Result.Client, later.Result.Client);
        Assert.Same(later.Result.Client, catalog.GetShared("simulated", "sim-1").Result.Client);
    }

    [Fact]
    public void GetShared_ProviderWithAProblem_ReportsItEveryTimeAndCachesNothing()
    {
        var variable = "WB_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        using var services = Build(new FakeTimeProvider(), new Dictionary<string, string?>
        {
            ["Workbench:Providers:openai:Type"] = "openai",
            ["Workbench:Providers:openai:ApiKeyVariable"] = variable,
        });
        var catalog = services.GetRequiredService<ProviderCatalog>();

        var first = catalog.GetShared("openai", "gpt-test");
        var second = catalog.GetShared("openai", "gpt-test");

        Assert.False(first.Result.Succeeded);
        Assert.False(second.Result.Succeeded);
        Assert.Equal(variable, Assert.Single(second.Result.Problems).Key);
    }

    private static ServiceProvider Build(TimeProvider time, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddWorkbenchProviders(configuration);
        return services.BuildServiceProvider();
    }
}

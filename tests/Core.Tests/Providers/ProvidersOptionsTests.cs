using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workbench.Core.Providers;

namespace Workbench.Core.Tests.Providers;

public class ProvidersOptionsTests
{
    private static (ProvidersOptions? Options, IReadOnlyList<string> Failures) Load(Dictionary<string, string?> settings, bool environmentStyle = false)
    {
        var builder = new ConfigurationBuilder();
        if (environmentStyle)
        {
            // What the environment-variable provider produces from Workbench__Providers__local__Type=...
            builder.AddInMemoryCollection(settings.ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => p.Value));
        }
        else
        {
            builder.AddInMemoryCollection(settings);
        }

        var configuration = builder.Build();
        using var services = new ServiceCollection().AddLogging().AddWorkbenchProviders(configuration).BuildServiceProvider();
        try
        {
            return (services.GetRequiredService<IOptions<ProvidersOptions>>().Value, []);
        }
        catch (OptionsValidationException ex)
        {
            return (null, [.. ex.Failures]);
        }
    }

    [Fact]
    public void Providers_NoConfiguration_HasOnlySimulated()
    {
        var (options, failures) = Load([]);

        Assert.Empty(failures);
        var simulated = Assert.Single(options!.Providers);
        Assert.Equal("simulated", simulated.Key);
        Assert.Equal("simulated", simulated.Value.Type);
        Assert.Contains(simulated.Value.Models, m => m.Name == "simulated-json");
    }

    [Fact]
    public void Providers_EnvironmentVariableStyleKeys_AddOpenAICompatibleProvider()
    {
        var (options, failures) = Load(new()
        {
            ["Workbench__Providers__local__Type"] = "openai-compatible",
            ["Workbench__Providers__local__BaseUrl"] = "http://127.0.0.1:11434/v1",
        }, environmentStyle: true);

        Assert.Empty(failures);
        var local = options!.Providers["local"];
        Assert.Equal("openai-compatible", local.Type);
        Assert.Equal("http://127.0.0.1:11434/v1", local.BaseUrl);
        Assert.Equal(300, local.TimeoutSeconds);
        Assert.Equal(3, local.MaxRetries);
        Assert.True(options.Providers.ContainsKey("simulated"));
    }

    [Fact]
    public void Providers_ModelWithoutPrice_KeepsPriceUnknownNotZero()
    {
        var (options, _) = Load(new()
        {
            ["Workbench:Providers:openai:Type"] = "openai",
            ["Workbench:Providers:openai:Models:0:Name"] = "gpt-4o-mini",
            ["Workbench:Providers:openai:Models:0:InputPricePerMillion"] = "0.15",
            ["Workbench:Providers:openai:Models:1:Name"] = "mystery",
        });

        var models = options!.Providers["openai"].Models;
        Assert.Equal(0.15m, models[0].InputPricePerMillion);
        Assert.Null(models[0].OutputPricePerMillion);
        Assert.Null(models[1].InputPricePerMillion);
        Assert.Null(new ProviderModelPrice("mystery", null, null).CostUsd(100, 100));
        Assert.Equal(0.0015m, new ProviderModelPrice("m", 10m, 5m).CostUsd(100, 100));
    }

    [Theory]
    [InlineData("ftp://example.com/v1")]
    [InlineData("not a url")]
    [InlineData("/v1/relative")]
    public void Providers_BadBaseUrl_FailsNamingTheKey(string url)
    {
        var (_, failures) = Load(new() { ["Workbench:Providers:local:Type"] = "openai-compatible", ["Workbench:Providers:local:BaseUrl"] = url });

        Assert.Contains("Workbench:Providers:local:BaseUrl must be an absolute http(s) URL.", failures);
    }

    [Fact]
    public void Providers_OpenAICompatibleWithoutBaseUrl_FailsNamingTheKey()
    {
        var (_, failures) = Load(new() { ["Workbench:Providers:local:Type"] = "openai-compatible" });

        Assert.Contains(failures, f => f.StartsWith("Workbench:Providers:local:BaseUrl is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Providers_UnknownOrMissingType_FailsListingValidTypes()
    {
        var (_, failures) = Load(new() { ["Workbench:Providers:a:Type"] = "gemini", ["Workbench:Providers:b:BaseUrl"] = "http://x.test/v1" });

        Assert.Contains("Workbench:Providers:a:Type must be one of openai, anthropic, openai-compatible, simulated.", failures);
        Assert.Contains(failures, f => f.StartsWith("Workbench:Providers:b:Type is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Providers_KeyPastedIntoApiKeyVariable_IsRejectedWithoutRepeatingIt()
    {
        var pasted = "sk-test-" + new string('a', 40);
        var (_, failures) = Load(new() { ["Workbench:Providers:openai:Type"] = "openai", ["Workbench:Providers:openai:ApiKeyVariable"] = pasted });

        var failure = Assert.Single(failures);
        Assert.StartsWith("Workbench:Providers:openai:ApiKeyVariable looks like an API key", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(pasted, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Providers_ApiKeyInConfiguration_IsRejected()
    {
        var (_, failures) = Load(new() { ["Workbench:Providers:openai:Type"] = "openai", ["Workbench:Providers:openai:ApiKey"] = "sk-test-in-config" });

        var failure = Assert.Single(failures);
        Assert.StartsWith("Workbench:Providers:openai:ApiKey is not allowed", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-in-config", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Providers_BaseUrlWithCredentials_IsRejectedWithoutRepeatingIt()
    {
        var (_, failures) = Load(new() { ["Workbench:Providers:local:Type"] = "openai-compatible", ["Workbench:Providers:local:BaseUrl"] = "http://user:hunter2@host.test/v1" });

        var failure = Assert.Single(failures);
        Assert.StartsWith("Workbench:Providers:local:BaseUrl must not contain credentials", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Providers_OutOfRangeNumbers_FailNamingEachKey()
    {
        var (_, failures) = Load(new()
        {
            ["Workbench:Providers:openai:Type"] = "openai",
            ["Workbench:Providers:openai:TimeoutSeconds"] = "0",
            ["Workbench:Providers:openai:MaxRetries"] = "50",
            ["Workbench:Providers:openai:Models:0:Name"] = "",
            ["Workbench:Providers:openai:Models:0:InputPricePerMillion"] = "-1",
        });

        Assert.Contains("Workbench:Providers:openai:TimeoutSeconds must be between 1 and 3600.", failures);
        Assert.Contains("Workbench:Providers:openai:MaxRetries must be between 0 and 10.", failures);
        Assert.Contains("Workbench:Providers:openai:Models:0:Name is required.", failures);
        Assert.Contains(failures, f => f.StartsWith("Workbench:Providers:openai:Models:0:InputPricePerMillion must not be negative", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1001", false)]
    [InlineData("4", true)]
    public void Providers_MaxConcurrency_OneToAThousand(string value, bool valid)
    {
        var (options, failures) = Load(new() { ["Workbench:Providers:simulated:MaxConcurrency"] = value });

        if (valid)
        {
            Assert.Empty(failures);
            Assert.Equal(4, options!.Providers["simulated"].MaxConcurrency);
        }
        else
        {
            Assert.Contains("Workbench:Providers:simulated:MaxConcurrency must be between 1 and 1000 (leave it out for no limit).", failures);
        }
    }

    [Fact]
    public void Providers_SimulatedNameWithOtherType_IsRejected()
    {
        var (_, failures) = Load(new() { ["Workbench:Providers:simulated:Type"] = "openai" });

        Assert.Contains(failures, f => f.StartsWith("Workbench:Providers:simulated:Type must be simulated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("OPENAI_API_KEY", false)]
    [InlineData("MY_LOCAL_KEY_2", false)]
    [InlineData("sk-test-abc", true)]
    [InlineData("Bearer abc", true)]
    [InlineData("AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", true)]
    public void LooksLikeKey_Value_ClassifiesKeysAndVariableNames(string value, bool expected) =>
        Assert.Equal(expected, ProvidersOptionsValidator.LooksLikeKey(value));

    [Fact]
    public void NativeStructuredOutput_OnAnAnthropicProvider_FailsNamingTheKey()
    {
        var (_, failures) = Load(new Dictionary<string, string?>
        {
            ["Workbench:Providers:claude:Type"] = "anthropic",
            ["Workbench:Providers:claude:NativeStructuredOutput"] = "true",
        });

        Assert.Contains(failures, f => f.StartsWith("Workbench:Providers:claude:NativeStructuredOutput applies only to openai-compatible providers", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openai", null, true)]
    [InlineData("simulated", null, true)]
    [InlineData("anthropic", null, false)]
    [InlineData("openai-compatible", null, false)]
    [InlineData("openai-compatible", "false", false)]
    [InlineData("openai-compatible", "true", true)]
    public void SupportsNativeStructuredOutput_ByKindAndSetting_IsAsDocumented(string type, string? setting, bool expected)
    {
        using var host = Fakes.ProviderTestHost.Create(new Dictionary<string, string?>
        {
            ["Workbench:Providers:p:Type"] = type,
            ["Workbench:Providers:p:BaseUrl"] = type == "openai-compatible" ? "http://127.0.0.1:9/v1" : null,
            ["Workbench:Providers:p:NativeStructuredOutput"] = setting,
        });

        Assert.Equal(expected, host.Catalog.Find("p")!.SupportsNativeStructuredOutput);
    }
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Workbench.Core.Providers;
using Workbench.Core.Tests.Providers.Fakes;

namespace Workbench.Core.Tests.Providers;

public class ProviderCatalogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Create_KeyVariableNotSet_ReportsProblemBeforeAnyRequest()
    {
        var variable = "WB_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        var server = new FakeProviderServer().Always(() => FakeProviderServer.OpenAICompletion("never"));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable);

        var result = host.Catalog.Create("openai", "gpt-test");

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(variable, problem.Key);
        Assert.StartsWith($"{variable} is not set in the environment", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public void Check_DefaultOpenAIVariable_NamesOpenAIApiKey()
    {
        using var host = ProviderTestHost.Create(new Dictionary<string, string?> { ["Workbench:Providers:openai:Type"] = "openai" });
        if (Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 })
        {
            return; // a developer machine with a real key: nothing to check
        }

        var problem = Assert.Single(host.Catalog.Check("openai"));
        Assert.Equal("OPENAI_API_KEY is not set in the environment: provider 'openai' needs its API key there (see .env.example).", problem.Message);
    }

    [Fact]
    public void Create_UnknownProvider_ListsConfiguredOnes()
    {
        using var host = ProviderTestHost.Create(new Dictionary<string, string?>());

        var problem = Assert.Single(host.Catalog.Create("nope", "m").Problems);

        Assert.Contains("There is no provider named 'nope'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("simulated", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Providers_ListsSimulatedFirstWithoutKeys()
    {
        var (variable, key) = ProviderTestHost.NewKey();
        using var host = ProviderTestHost.ForProvider("local", "openai-compatible", new FakeProviderServer(), variable, "http://127.0.0.1:11434/v1");

        var providers = host.Catalog.Providers;

        Assert.Equal(["simulated", "local"], providers.Select(p => p.Name));
        var local = providers[1];
        Assert.Equal(ProviderKind.OpenAICompatible, local.Kind);
        Assert.True(local.ApiKeyPresent);
        Assert.Equal(variable, local.ApiKeyVariable);
        Assert.DoesNotContain(key, local.ToString(), StringComparison.Ordinal);
        Assert.Equal(2.5m, host.Catalog.PriceOf("local", "gpt-test").InputPricePerMillion);
        Assert.Null(host.Catalog.PriceOf("local", "gpt-test").OutputPricePerMillion);
        Assert.Null(host.Catalog.PriceOf("local", "unlisted").InputPricePerMillion);
    }

    [Fact]
    public async Task OpenAICompatible_WithoutKey_SendsNoRealKeyAndWorks()
    {
        var server = new FakeProviderServer().Then(() => FakeProviderServer.OpenAICompletion("local answer"));
        using var host = ProviderTestHost.ForProvider("local", "openai-compatible", server, null, "http://127.0.0.1:11434/v1");

        var response = await host.Catalog.Create("local", "llama3").Client!.GetResponseAsync("hi", cancellationToken: Ct);

        Assert.Equal("local answer", response.Text);
        Assert.Equal("http://127.0.0.1:11434/v1/chat/completions", Assert.Single(server.Requests).Uri.ToString());
    }

    [Fact]
    public async Task TestConnection_Reachable_ReportsConnectedWithoutKey()
    {
        var (variable, key) = ProviderTestHost.NewKey();
        var server = new FakeProviderServer().Then(() => FakeProviderServer.Json(System.Net.HttpStatusCode.OK, """{"object":"list","data":[]}"""));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");

        var status = await host.Catalog.TestConnectionAsync("openai", Ct);

        Assert.True(status.Reachable);
        Assert.Equal(200, status.HttpStatus);
        Assert.Equal("http://fake-openai.test/v1/models", Assert.Single(server.Requests).Uri.ToString());
        Assert.DoesNotContain(key, status.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnection_KeyRejected_SaysWhichVariableWithoutRetrying()
    {
        var (variable, key) = ProviderTestHost.NewKey();
        var server = new FakeProviderServer().Always(() => FakeProviderServer.Error(401, FakeProviderServer.OpenAIError("invalid_request_error", "invalid_api_key", "bad key " + key)));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");

        var status = await host.Catalog.TestConnectionAsync("openai", Ct);

        Assert.Equal(401, status.HttpStatus);
        Assert.Contains($"rejected the key in {variable}", status.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, status.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task TestConnection_ServerDown_IsUnreachableWithoutRetrying()
    {
        var server = new FakeProviderServer().Always(() => throw new HttpRequestException("Connection refused (127.0.0.1:9)"));
        using var host = ProviderTestHost.ForProvider("local", "openai-compatible", server, null, "http://127.0.0.1:9/v1");

        var status = await host.Catalog.TestConnectionAsync("local", Ct);

        Assert.False(status.Reachable);
        Assert.Contains("Could not reach 127.0.0.1", status.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task TestConnection_Simulated_IsReachable()
    {
        using var host = ProviderTestHost.Create(new Dictionary<string, string?>());

        var status = await host.Catalog.TestConnectionAsync("simulated", Ct);

        Assert.True(status.Reachable);
    }

    [Fact]
    public async Task GetResponse_ConnectionRefusedThenOk_IsRetried()
    {
        var calls = 0;
        var server = new FakeProviderServer().Always(() => ++calls == 1 ? throw new HttpRequestException("Connection refused") : FakeProviderServer.OpenAICompletion("up"));
        using var host = ProviderTestHost.ForProvider("local", "openai-compatible", server, null, "http://127.0.0.1:9/v1");
        using var trail = TransportTrail.Begin();

        var response = await host.Catalog.Create("local", "m").Client!.GetResponseAsync("hi", cancellationToken: Ct);

        Assert.Equal("up", response.Text);
        Assert.Equal("connection", Assert.Single(trail.Retries).ErrorKind);
    }

    [Fact]
    public void GetRetryAfter_SecondsDateAndMilliseconds_AreParsed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var seconds = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var date = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2026 12:00:30 GMT");
        using var ms = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        ms.Headers.TryAddWithoutValidation("retry-after-ms", "1500");
        ms.Headers.TryAddWithoutValidation("Retry-After", "2");
        using var none = new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError);

        Assert.Equal(TimeSpan.FromSeconds(7), TransportPolicy.GetRetryAfter(seconds, time));
        Assert.Equal(TimeSpan.FromSeconds(30), TransportPolicy.GetRetryAfter(date, time));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), TransportPolicy.GetRetryAfter(ms, time));
        Assert.Null(TransportPolicy.GetRetryAfter(none, time));
    }

    [Fact]
    public async Task GetResponse_RetryAfterLongerThanLimit_IsNotRetried()
    {
        var (variable, _) = ProviderTestHost.NewKey();
        var server = new FakeProviderServer().Always(() => FakeProviderServer.Error(429, FakeProviderServer.OpenAIError("requests", "rate_limit_exceeded", "slow down"), retryAfter: "3600"));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");

        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => host.Catalog.Create("openai", "gpt-test").Client!.GetResponseAsync("hi", cancellationToken: Ct));

        Assert.Equal(ProviderFailureKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(529, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(422, false)]
    public void IsRetryableStatus_Status_MatchesPolicy(int status, bool retryable) =>
        Assert.Equal(retryable, TransportPolicy.IsRetryableStatus(status));

    [Fact]
    public async Task GetResponse_Cancelled_ThrowsOperationCanceledNotProviderError()
    {
        using var host = ProviderTestHost.Create(new Dictionary<string, string?> { ["Workbench:Providers:simulated:Simulation:SlowFirstTokenMilliseconds"] = "5000" });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Catalog.Create("simulated", "simulated-json").Client!
            .GetResponseAsync("hi", new SimulationSettings { Faults = ["slow-first-token"] }.ApplyTo(null), cts.Token));
        Assert.Contains(host.Logs.Entries, e => e.Text.Contains("call cancelled", StringComparison.Ordinal));
    }
}

using System.Text.Json;
using Microsoft.Extensions.AI;
using Workbench.Core.Providers;
using Workbench.Core.Tests.Providers.Fakes;

namespace Workbench.Core.Tests.Providers;

public class OpenAIProviderTests
{
    private const string Schema = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}""";

    private static readonly ChatMessage[] Messages = [new(ChatRole.System, "Answer in JSON."), new(ChatRole.User, "Who wrote the first program?")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_NonStreamed_AssemblesTextAndMapsUsage()
    {
        var (variable, key) = ProviderTestHost.NewKey();
        var server = new FakeProviderServer().Then(() => FakeProviderServer.OpenAICompletion("""{"name":"Ada"}""", 21, 6));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");
        var client = host.Catalog.Create("openai", "gpt-test").Client!;

        var options = new ChatOptions { MaxOutputTokens = 321, ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement, "person") };
        var response = await client.GetResponseAsync(Messages, options, Ct);

        Assert.Equal("""{"name":"Ada"}""", response.Text);
        Assert.Equal(21, response.Usage?.InputTokenCount);
        Assert.Equal(6, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var request = Assert.Single(server.Requests);
        Assert.Equal("http://fake-openai.test/v1/chat/completions", request.Uri.ToString());
        Assert.Equal("Bearer " + key, request.Headers["Authorization"]);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("gpt-test", root.GetProperty("model").GetString());
        Assert.Equal(321, root.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(2, root.GetProperty("messages").GetArrayLength());
        Assert.Equal("system", root.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Contains("first program", root.GetProperty("messages")[1].GetRawText(), StringComparison.Ordinal);
        var format = root.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("object", format.GetProperty("json_schema").GetProperty("schema").GetProperty("type").GetString());
        Assert.DoesNotContain(SimulationSettings.PropertyName, request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponse_SseChunks_AssemblesTextAndUsage()
    {
        var (variable, _) = ProviderTestHost.NewKey();
        var server = new FakeProviderServer().Then(() => FakeProviderServer.OpenAIStream(["{\"na", "me\":", "\"Ada\"}"], 30, 4));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");
        var client = host.Catalog.Create("openai", "gpt-test").Client!;

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 50 }, Ct))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("""{"name":"Ada"}""", response.Text);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3);
        Assert.Equal(30, response.Usage?.InputTokenCount);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task GetResponse_429WithRetryAfter_RetriesAndRecordsStatusAndWait()
    {
        var (variable, _) = ProviderTestHost.NewKey();
        var server = new FakeProviderServer()
            .Then(() => FakeProviderServer.Error(429, FakeProviderServer.OpenAIError("requests", "rate_limit_exceeded", "Rate limit reached"), retryAfterMs: "40"))
            .Then(() => FakeProviderServer.Error(429, FakeProviderServer.OpenAIError("requests", "rate_limit_exceeded", "Rate limit reached"), retryAfter: "1"))
            .Then(() => FakeProviderServer.OpenAICompletion("ok"));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");
        var client = host.Catalog.Create("openai", "gpt-test").Client!;
        var live = new List<TransportRetry>();

        using var trail = TransportTrail.Begin(live.Add);
        var response = await client.GetResponseAsync(Messages, cancellationToken: Ct);

        Assert.Equal("ok", response.Text);
        Assert.Equal(3, server.RequestCount);
        Assert.Equal(2, trail.Retries.Count);
        Assert.Equal(trail.Retries, live);
        Assert.All(trail.Retries, r => Assert.Equal(429, r.HttpStatus));
        Assert.Equal(TimeSpan.FromMilliseconds(40), trail.Retries[0].Wait);
        Assert.Equal(TimeSpan.FromSeconds(1), trail.Retries[1].Wait);
        Assert.True(trail.Retries[1].WaitFromRetryAfter);
        Assert.Equal([1, 2], trail.Retries.Select(r => r.FailedTry));
        Assert.Equal("429, waited 1.0 s", trail.Retries[1].ToString());
        Assert.Contains(host.Logs.Texts, t => t.Contains("try 1 failed (429)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task GetResponse_TransientStatus_IsRetriedWithBackoff(int status)
    {
        var (variable, _) = ProviderTestHost.NewKey();
        var server = new FakeProviderServer()
            .Then(() => FakeProviderServer.Error(status, FakeProviderServer.OpenAIError("server_error", "server_error", "boom")))
            .Then(() => FakeProviderServer.OpenAICompletion("recovered"));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");
        using var trail = TransportTrail.Begin();

        var response = await host.Catalog.Create("openai", "gpt-test").Client!.GetResponseAsync(Messages, cancellationToken: Ct);

        Assert.Equal("recovered", response.Text);
        var retry = Assert.Single(trail.Retries);
        Assert.Equal(status, retry.HttpStatus);
        Assert.False(retry.WaitFromRetryAfter);
        Assert.True(retry.Wait < TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(400, ProviderFailureKind.BadRequest)]
    [InlineData(401, ProviderFailureKind.Unauthorized)]
    [InlineData(403, ProviderFailureKind.Unauthorized)]
    [InlineData(404, ProviderFailureKind.NotFound)]
    [InlineData(422, ProviderFailureKind.BadRequest)]
    public async Task GetResponse_ClientError_IsNotRetriedAndKeyNeverShown(int status, ProviderFailureKind kind)
    {
        var (variable, key) = ProviderTestHost.NewKey();
        // Worst case: the server echoes the whole key in its error message.
        var server = new FakeProviderServer().Always(() => FakeProviderServer.Error(status, FakeProviderServer.OpenAIError("invalid_request_error", "invalid_api_key", $"Incorrect API key provided: {key}.")));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");
        using var trail = TransportTrail.Begin();

        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => host.Catalog.Create("openai", "gpt-test").Client!.GetResponseAsync(Messages, cancellationToken: Ct));

        Assert.Equal(1, server.RequestCount);
        Assert.Empty(trail.Retries);
        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal(kind, ex.Kind);
        Assert.Null(ex.InnerException);
        Assert.DoesNotContain(key, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted key]", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Texts, t => t.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponse_QuotaExhausted429_IsNotRetried()
    {
        var (variable, _) = ProviderTestHost.NewKey();
        var server = new FakeProviderServer().Always(() => FakeProviderServer.Error(429,
            FakeProviderServer.OpenAIError("insufficient_quota", "insufficient_quota", "You exceeded your current quota, please check your plan and billing details."), retryAfter: "1"));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");
        using var trail = TransportTrail.Begin();

        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => host.Catalog.Create("openai", "gpt-test").Client!.GetResponseAsync(Messages, cancellationToken: Ct));

        Assert.Equal(1, server.RequestCount);
        Assert.Empty(trail.Retries);
        Assert.Equal(ProviderFailureKind.QuotaExhausted, ex.Kind);
        Assert.Equal(429, ex.HttpStatus);
    }

    [Fact]
    public async Task GetResponse_ServerErrorEveryTime_StopsAfterMaxRetries()
    {
        var (variable, key) = ProviderTestHost.NewKey();
        var server = new FakeProviderServer().Always(() => FakeProviderServer.Error(500, FakeProviderServer.OpenAIError("server_error", "server_error", "boom")));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1", maxRetries: 2);
        using var trail = TransportTrail.Begin();

        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => host.Catalog.Create("openai", "gpt-test").Client!.GetResponseAsync(Messages, cancellationToken: Ct));

        Assert.Equal(3, server.RequestCount);
        Assert.Equal(2, trail.Retries.Count);
        Assert.Equal(ProviderFailureKind.ServerError, ex.Kind);
        Assert.Contains("after 2 transport retries", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponse_ConnectionDroppedMidStream_ThrowsStreamBrokenAfterPartialText()
    {
        var (variable, key) = ProviderTestHost.NewKey();
        var events = FakeProviderServer.OpenAIStreamEvents(["Hello", " wor", "ld"]);
        var server = new FakeProviderServer().Then(() => FakeProviderServer.Sse(events, dropAfter: 2));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");
        var received = new List<string>();

        var ex = await Assert.ThrowsAsync<ProviderCallException>(async () =>
        {
            await foreach (var update in host.Catalog.Create("openai", "gpt-test").Client!.GetStreamingResponseAsync(Messages, cancellationToken: Ct))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(ProviderFailureKind.StreamBroken, ex.Kind);
        Assert.Equal("Hello wor", string.Concat(received));
        Assert.Equal(1, server.RequestCount); // no transport retry once tokens have streamed
        Assert.DoesNotContain(key, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponse_MalformedChunk_ThrowsInvalidResponse()
    {
        var (variable, _) = ProviderTestHost.NewKey();
        var events = FakeProviderServer.OpenAIStreamEvents(["Hello"]);
        events.Insert(1, "data: {\"id\":\"chatcmpl-fake2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"oops\"\n\n");
        var server = new FakeProviderServer().Then(() => FakeProviderServer.Sse(events));
        using var host = ProviderTestHost.ForProvider("openai", "openai", server, variable, "http://fake-openai.test/v1");

        var ex = await Assert.ThrowsAsync<ProviderCallException>(async () =>
        {
            await foreach (var update in host.Catalog.Create("openai", "gpt-test").Client!.GetStreamingResponseAsync(Messages, cancellationToken: Ct))
            {
                _ = update;
            }
        });

        Assert.Equal(ProviderFailureKind.InvalidResponse, ex.Kind);
    }
}

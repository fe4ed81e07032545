using System.Text.Json;
using Microsoft.Extensions.AI;
using Workbench.Core.Providers;
using Workbench.Core.Tests.Providers.Fakes;

namespace Workbench.Core.Tests.Providers;

public class AnthropicProviderTests
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Name a mathematician.")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_NonStreamed_AssemblesTextMapsUsageAndSendsKeyHeader()
    {
        var (variable, key) = ProviderTestHost.NewKey("sk-ant-test-");
        var server = new FakeProviderServer().Then(() => FakeProviderServer.AnthropicMessage("Emmy Noether", 17, 4));
        using var host = ProviderTestHost.ForProvider("claude", "anthropic", server, variable, "http://fake-anthropic.test");

        var response = await host.Catalog.Create("claude", "claude-test").Client!.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 222 }, Ct);

        Assert.Equal("Emmy Noether", response.Text);
        Assert.Equal(17, response.Usage?.InputTokenCount);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/messages", request.Uri.AbsolutePath);
        // Anthropic SDK 13.x sends the API key as "Authorization: Bearer" (older versions: x-api-key).
        var sent = request.Headers.TryGetValue("x-api-key", out var apiKeyHeader) ? apiKeyHeader : request.Headers["Authorization"];
        Assert.True(sent == key || sent == "Bearer " + key);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("claude-test", body.RootElement.GetProperty("model").GetString());
        Assert.Equal(222, body.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.Contains("mathematician", body.RootElement.GetProperty("messages").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Be brief.", body.RootElement.GetProperty("system").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponse_SseEvents_AssemblesTextAndUsage()
    {
        var (variable, _) = ProviderTestHost.NewKey("sk-ant-test-");
        var server = new FakeProviderServer().Then(() => FakeProviderServer.AnthropicStream(["Emmy", " Noe", "ther"], 19, 5));
        using var host = ProviderTestHost.ForProvider("claude", "anthropic", server, variable, "http://fake-anthropic.test");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in host.Catalog.Create("claude", "claude-test").Client!.GetStreamingResponseAsync(Messages, cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("Emmy Noether", response.Text);
        Assert.Equal(19, response.Usage?.InputTokenCount);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task GetResponse_529Overloaded_IsRetriedAndRecorded()
    {
        var (variable, _) = ProviderTestHost.NewKey("sk-ant-test-");
        var server = new FakeProviderServer()
            .Then(() => FakeProviderServer.Error(529, FakeProviderServer.AnthropicError("overloaded_error", "Overloaded"), retryAfterMs: "30"))
            .Then(() => FakeProviderServer.AnthropicMessage("fine"));
        using var host = ProviderTestHost.ForProvider("claude", "anthropic", server, variable, "http://fake-anthropic.test");
        using var trail = TransportTrail.Begin();

        var response = await host.Catalog.Create("claude", "claude-test").Client!.GetResponseAsync(Messages, cancellationToken: Ct);

        Assert.Equal("fine", response.Text);
        Assert.Equal(2, server.RequestCount);
        var retry = Assert.Single(trail.Retries);
        Assert.Equal(529, retry.HttpStatus);
        Assert.Equal(TimeSpan.FromMilliseconds(30), retry.Wait);
    }

    [Fact]
    public async Task GetResponse_401_IsNotRetriedAndKeyNeverShown()
    {
        var (variable, key) = ProviderTestHost.NewKey("sk-ant-test-");
        var server = new FakeProviderServer().Always(() => FakeProviderServer.Error(401, FakeProviderServer.AnthropicError("authentication_error", $"invalid x-api-key {key}")));
        using var host = ProviderTestHost.ForProvider("claude", "anthropic", server, variable, "http://fake-anthropic.test");

        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => host.Catalog.Create("claude", "claude-test").Client!.GetResponseAsync(Messages, cancellationToken: Ct));

        Assert.Equal(1, server.RequestCount);
        Assert.Equal(ProviderFailureKind.Unauthorized, ex.Kind);
        Assert.DoesNotContain(key, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Texts, t => t.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetStreamingResponse_ConnectionDropped_ThrowsStreamBroken()
    {
        var (variable, _) = ProviderTestHost.NewKey("sk-ant-test-");
        var server = new FakeProviderServer().Then(() => FakeProviderServer.Sse(FakeProviderServer.AnthropicStreamEvents(["Emmy", " Noe", "ther"]), dropAfter: 4));
        using var host = ProviderTestHost.ForProvider("claude", "anthropic", server, variable, "http://fake-anthropic.test");
        var text = "";

        var ex = await Assert.ThrowsAsync<ProviderCallException>(async () =>
        {
            await foreach (var update in host.Catalog.Create("claude", "claude-test").Client!.GetStreamingResponseAsync(Messages, cancellationToken: Ct))
            {
                text += update.Text;
            }
        });

        Assert.Equal(ProviderFailureKind.StreamBroken, ex.Kind);
        Assert.StartsWith(text, "Emmy Noether", StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GetResponse_JsonSchemaResponseFormat_IsSentToAnthropic()
    {
        var (variable, _) = ProviderTestHost.NewKey("sk-ant-test-");
        var server = new FakeProviderServer().Then(() => FakeProviderServer.AnthropicMessage("""{"name":"Emmy"}"""));
        using var host = ProviderTestHost.ForProvider("claude", "anthropic", server, variable, "http://fake-anthropic.test");
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}""");

        var response = await host.Catalog.Create("claude", "claude-test").Client!.GetResponseAsync(Messages, new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement.Clone(), "person") }, Ct);

        Assert.Equal("""{"name":"Emmy"}""", response.Text);
        var body = Assert.Single(server.Requests).Body;
        Assert.Contains("json_schema", body, StringComparison.Ordinal);
        Assert.Contains("\"required\":[\"name\"]", body, StringComparison.Ordinal);
    }
}

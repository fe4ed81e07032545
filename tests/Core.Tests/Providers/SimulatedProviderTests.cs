using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Workbench.Core.Providers;
using Workbench.Core.Tests.Providers.Fakes;

namespace Workbench.Core.Tests.Providers;

/// <summary>The catalog's simulated provider: the OpenAI SDK over the simulated in-process server and the real transport pipeline.</summary>
public class SimulatedProviderTests
{
    private const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"price":{"type":"number"}},"required":["city","price"],"additionalProperties":false}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "Quote a trip; my email is sam.poe@example.net")];

    private static ProviderTestHost Host(int timeoutSeconds = 30) => ProviderTestHost.Create(new Dictionary<string, string?>
    {
        ["Workbench:Providers:simulated:Type"] = "simulated",
        ["Workbench:Providers:simulated:RetryBaseDelayMilliseconds"] = "5",
        ["Workbench:Providers:simulated:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = "0",
        ["Workbench:Providers:simulated:Simulation:RetryAfterMilliseconds"] = "25",
    });

    private static ChatOptions Options(params string[] faults) => new SimulationSettings { Faults = faults, Seed = 1 }
        .ApplyTo(new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement.Clone(), "quote") });

    [Fact]
    public async Task GetResponse_SchemaBound_AnswersConformingJsonOverTheOpenAIWireFormat()
    {
        using var host = Host();
        var client = host.Catalog.Create("simulated", "simulated-json").Client!;

        var response = await client.GetResponseAsync(Prompt, Options(), Ct);

        var json = Assert.IsType<JsonObject>(JsonNode.Parse(response.Text));
        Assert.Equal(JsonValueKind.String, json["city"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, json["price"]!.GetValueKind());
        Assert.True(response.Usage?.OutputTokenCount > 0);
    }

    [Fact]
    public async Task GetStreamingResponse_StreamsSameTextAsNonStreamed()
    {
        using var host = Host();
        var client = host.Catalog.Create("simulated", "simulated-json").Client!;
        var whole = await client.GetResponseAsync(Prompt, Options(), Ct);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Prompt, Options(), Ct))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 3);
        Assert.Equal(whole.Text, updates.ToChatResponse().Text);
        Assert.Equal(whole.Usage?.OutputTokenCount, updates.ToChatResponse().Usage?.OutputTokenCount);
    }

    [Theory]
    [InlineData("http-429", 429)]
    [InlineData("http-500", 500)]
    [InlineData("http-503", 503)]
    [InlineData("http-529", 529)]
    public async Task GetResponse_HttpFault_GoesThroughTheTransportRetryAndIsRecorded(string fault, int status)
    {
        using var host = Host();
        using var trail = TransportTrail.Begin();

        var response = await host.Catalog.Create("simulated", "simulated-json").Client!.GetResponseAsync(Prompt, Options(fault + "@1"), Ct);

        Assert.NotNull(JsonNode.Parse(response.Text));
        var retry = Assert.Single(trail.Retries);
        Assert.Equal(status, retry.HttpStatus);
        if (status != 500)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(25), retry.Wait);
            Assert.True(retry.WaitFromRetryAfter);
        }
    }

    [Fact]
    public async Task GetResponse_FaultForAnotherAttempt_DoesNothing()
    {
        using var host = Host();
        using var trail = TransportTrail.Begin();
        var options = new SimulationSettings { Faults = ["http-429@2", "invalid-json@2"], Attempt = 1 }.ApplyTo(Options());

        var response = await host.Catalog.Create("simulated", "simulated-json").Client!.GetResponseAsync(Prompt, options, Ct);

        Assert.NotNull(JsonNode.Parse(response.Text));
        Assert.Empty(trail.Retries);
    }

    [Fact]
    public async Task GetResponse_TimeoutFault_PerAttemptTimeoutFiresAndRetrySucceeds()
    {
        using var host = Host(timeoutSeconds: 1);
        using var trail = TransportTrail.Begin();

        var response = await host.Catalog.Create("simulated", "simulated-json").Client!.GetResponseAsync(Prompt, Options("timeout"), Ct);

        Assert.NotNull(JsonNode.Parse(response.Text));
        var retry = Assert.Single(trail.Retries);
        Assert.Null(retry.HttpStatus);
        Assert.Equal("timeout", retry.ErrorKind);
        Assert.Equal("timeout, waited", retry.ToString()[..15]);
    }

    [Fact]
    public async Task GetStreamingResponse_DropMidStream_ThrowsStreamBrokenWithoutRetry()
    {
        using var host = Host();
        using var trail = TransportTrail.Begin();
        var text = "";

        var ex = await Assert.ThrowsAsync<ProviderCallException>(async () =>
        {
            await foreach (var update in host.Catalog.Create("simulated", "simulated-json").Client!.GetStreamingResponseAsync(Prompt, Options("drop-mid-stream"), Ct))
            {
                text += update.Text;
            }
        });

        Assert.Equal(ProviderFailureKind.StreamBroken, ex.Kind);
        Assert.NotEmpty(text);
        Assert.Empty(trail.Retries);
    }

    [Fact]
    public async Task GetResponse_EchoPii_RepeatsTheEmailAndContentFaultsSurviveTheWire()
    {
        using var host = Host();
        var client = host.Catalog.Create("simulated", "simulated-json").Client!;

        var echoed = await client.GetResponseAsync(Prompt, Options("echo-pii"), Ct);
        var fenced = await client.GetResponseAsync(Prompt, Options("fenced"), Ct);

        Assert.Contains("sam.poe@example.net", echoed.Text, StringComparison.Ordinal);
        Assert.StartsWith("```json", fenced.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Texts, t => t.Contains("sam.poe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponse_SlowFirstToken_Delays()
    {
        using var host = ProviderTestHost.Create(new Dictionary<string, string?>
        {
            ["Workbench:Providers:simulated:Simulation:SlowFirstTokenMilliseconds"] = "300",
            ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = "0",
        });
        var started = TimeProvider.System.GetTimestamp();

        await host.Catalog.Create("simulated", "simulated-json").Client!.GetResponseAsync(Prompt, Options("slow-first-token"), Ct);

        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(280));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Workbench.Core.Providers;

namespace Workbench.Core.Tests.Providers;

public class SimulatedChatClientTests
{
    private const string Schema = """{"type":"object","properties":{"name":{"type":"string"},"email":{"type":"string","format":"email"},"age":{"type":"integer"}},"required":["name","email","age"],"additionalProperties":false}""";

    private static readonly SimulationOptions Fast = new() { ChunkDelayMilliseconds = 0, SlowFirstTokenMilliseconds = 50, RetryAfterMilliseconds = 10 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChatMessage[] Prompt(string text = "Extract the customer.") => [new(ChatRole.User, text)];

    private static ChatOptions SchemaOptions(params string[] faults) =>
        new SimulationSettings { Faults = faults }.ApplyTo(new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement.Clone(), "customer") });

    [Fact]
    public async Task GetResponse_SamePromptAndSeed_IsDeterministic()
    {
        var client = new SimulatedChatClient(Fast);

        var a = await client.GetResponseAsync(Prompt(), new SimulationSettings { Seed = 3 }.ApplyTo(null), Ct);
        var b = await client.GetResponseAsync(Prompt(), new SimulationSettings { Seed = 3 }.ApplyTo(null), Ct);
        var c = await client.GetResponseAsync(Prompt("Something else entirely."), new SimulationSettings { Seed = 3 }.ApplyTo(null), Ct);

        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);
        Assert.Contains("simulated", a.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(a.Usage?.InputTokenCount > 0);
    }

    [Fact]
    public async Task GetStreamingResponse_AssemblesTheSameTextAsNonStreamed()
    {
        var client = new SimulatedChatClient(Fast);

        var whole = await client.GetResponseAsync(Prompt(), SchemaOptions(), Ct);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Prompt(), SchemaOptions(), Ct))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 3);
        Assert.Equal(whole.Text, updates.ToChatResponse().Text);
        Assert.Equal(whole.Usage?.OutputTokenCount, updates.ToChatResponse().Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponse_SchemaBound_ReturnsConformingJson()
    {
        var response = await new SimulatedChatClient(Fast).GetResponseAsync(Prompt(), SchemaOptions(), Ct);

        var json = Assert.IsType<JsonObject>(JsonNode.Parse(response.Text));
        Assert.Equal(3, json.Count);
        Assert.Contains("@", json["email"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, json["age"]!.GetValueKind());
    }

    [Fact]
    public async Task GetResponse_SchemaInAdditionalProperties_IsHonoured()
    {
        var options = new ChatOptions { AdditionalProperties = new() { ["workbench.schema"] = Schema } };

        var response = await new SimulatedChatClient(Fast).GetResponseAsync(Prompt(), options, Ct);

        Assert.NotNull(JsonNode.Parse(response.Text)!["email"]);
    }

    [Theory]
    [InlineData("missing-required")]
    [InlineData("wrong-type")]
    [InlineData("extra-property")]
    public async Task GetResponse_StructuralFault_ProducesParseableButInvalidJson(string fault)
    {
        var response = await new SimulatedChatClient(Fast).GetResponseAsync(Prompt(), SchemaOptions(fault), Ct);

        var json = Assert.IsType<JsonObject>(JsonNode.Parse(response.Text));
        switch (fault)
        {
            case "missing-required": Assert.False(json.ContainsKey("name")); break;
            case "wrong-type": Assert.Equal(JsonValueKind.Number, json["name"]!.GetValueKind()); break;
            default: Assert.True(json.ContainsKey("unexpected_note")); break;
        }
    }

    [Fact]
    public async Task GetResponse_TextFaults_ShapeTheOutput()
    {
        var client = new SimulatedChatClient(Fast);
        var valid = (await client.GetResponseAsync(Prompt(), SchemaOptions(), Ct)).Text;

        var invalid = (await client.GetResponseAsync(Prompt(), SchemaOptions("invalid-json"), Ct)).Text;
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(invalid));

        var fenced = (await client.GetResponseAsync(Prompt(), SchemaOptions("fenced"), Ct)).Text;
        Assert.Equal("```json\n" + valid + "\n```", fenced);

        var prose = (await client.GetResponseAsync(Prompt(), SchemaOptions("prose-wrapped"), Ct)).Text;
        Assert.Contains(valid, prose, StringComparison.Ordinal);
        Assert.StartsWith("Sure!", prose, StringComparison.Ordinal);

        var truncated = await client.GetResponseAsync(Prompt(), SchemaOptions("truncated"), Ct);
        Assert.StartsWith(truncated.Text, valid, StringComparison.Ordinal);
        Assert.True(truncated.Text.Length < valid.Length);
        Assert.Equal(ChatFinishReason.Length, truncated.FinishReason);

        Assert.Equal("", (await client.GetResponseAsync(Prompt(), SchemaOptions("empty"), Ct)).Text);
    }

    [Fact]
    public async Task GetResponse_FaultOnAttemptOne_IsValidOnAttemptTwo()
    {
        var client = new SimulatedChatClient(Fast);
        var options = SchemaOptions();

        var first = await client.GetResponseAsync(Prompt(), new SimulationSettings { Faults = ["invalid-json@1"], Attempt = 1 }.ApplyTo(options), Ct);
        var second = await client.GetResponseAsync(Prompt(), new SimulationSettings { Faults = ["invalid-json@1"], Attempt = 2 }.ApplyTo(options), Ct);

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(first.Text));
        Assert.NotNull(JsonNode.Parse(second.Text));
    }

    [Fact]
    public async Task GetResponse_EchoPii_RepeatsAnEmailFromTheInput()
    {
        var response = await new SimulatedChatClient(Fast).GetResponseAsync(Prompt("Customer wrote from jane.roe@example.org about the order."), SchemaOptions("echo-pii"), Ct);

        Assert.Equal("jane.roe@example.org", JsonNode.Parse(response.Text)!["email"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("http-429", 429, ProviderFailureKind.RateLimited)]
    [InlineData("http-500", 500, ProviderFailureKind.ServerError)]
    [InlineData("http-503", 503, ProviderFailureKind.Overloaded)]
    [InlineData("http-529", 529, ProviderFailureKind.Overloaded)]
    public async Task GetResponse_HttpFaultUsedDirectly_ThrowsProviderCallExceptionWithStatus(string fault, int status, ProviderFailureKind kind)
    {
        var ex = await Assert.ThrowsAsync<ProviderCallException>(() => new SimulatedChatClient(Fast).GetResponseAsync(Prompt(), SchemaOptions(fault), Ct));

        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal(kind, ex.Kind);
    }

    [Fact]
    public async Task GetStreamingResponse_DropMidStream_ThrowsStreamBrokenAfterSomeChunks()
    {
        var received = 0;
        var ex = await Assert.ThrowsAsync<ProviderCallException>(async () =>
        {
            await foreach (var update in new SimulatedChatClient(Fast).GetStreamingResponseAsync(Prompt(), SchemaOptions("drop-mid-stream"), Ct))
            {
                received++;
            }
        });

        Assert.Equal(ProviderFailureKind.StreamBroken, ex.Kind);
        Assert.True(received > 0);
    }

    [Fact]
    public async Task GetResponse_UnknownFault_ThrowsListingValidFaults()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new SimulatedChatClient(Fast).GetResponseAsync(Prompt(), SchemaOptions("kaboom"), Ct));

        Assert.Contains("Valid faults:", ex.Message, StringComparison.Ordinal);
    }
}

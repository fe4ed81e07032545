using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages.Templates;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Tests.Pages;

public class SchemaDeliveryPreviewTests
{
    private const string Address = """{"type":"object","properties":{"street":{"type":"string"}},"required":["street"]}""";

    private const string Customer = """{"type":"object","properties":{"home":{"$ref":"workbench:schemas/address"}},"required":["home"]}""";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>A template whose messages are system + user, linked to "customer" (which references "address"), sent to <paramref name="provider"/>.</summary>
    private static async Task<IRenderedComponent<TemplateEditor>> RenderAsync(PageTestContext context, string provider)
    {
        var schemas = context.Services.GetRequiredService<SchemaService>();
        Assert.True((await schemas.CreateAsync(new NewSchema("address", null, Address), "local", Ct)).Succeeded);
        var customer = await schemas.CreateAsync(new NewSchema("customer", null, Customer), "local", Ct);
        var content = new TemplateContent(
            [new TemplateMessage(MessageRole.System, "You extract addresses."), new TemplateMessage(MessageRole.User, "Find the address in: hello")],
            ModelSettings.Default with { Provider = provider },
            [],
            new OutputSchemaLink(customer.Value!.Id, 1));
        var template = await context.Services.GetRequiredService<TemplateService>().CreateAsync(new NewTemplate("extract", null, [], content), "local", Ct);
        return context.Render<TemplateEditor>(p => p.Add(x => x.TemplateId, template.Value!.Id));
    }

    [Fact]
    public async Task Preview_ProviderWithNativeStructuredOutput_ShowsTheSchemaAsTheResponseFormat()
    {
        await using var context = new PageTestContext();
        var cut = await RenderAsync(context, "simulated");

        var native = cut.WaitForElement("[data-testid=preview-schema-native]");

        Assert.Equal("Sent as a native JSON Schema response format (provider simulated supports it):", native.QuerySelector("[data-testid=schema-delivery]")!.TextContent);
        var schema = native.QuerySelector("pre")!.TextContent;
        Assert.Contains("\"$ref\": \"#/$defs/workbench.address.v1\"", schema, StringComparison.Ordinal); // self-contained: the referenced schema is in it
        Assert.DoesNotContain(SchemaHint.Introduction, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=preview-schema-hint]"));
    }

    [Theory]
    [InlineData("anthropic", "has no native structured output")]
    [InlineData("openai-compatible", "has no native structured output")]
    public async Task Preview_ProviderWithoutNativeStructuredOutput_ShowsTheHintInTheLastUserMessage(string type, string reason)
    {
        await using var context = new PageTestContext(new Dictionary<string, string?>
        {
            ["Workbench:Providers:other:Type"] = type,
            ["Workbench:Providers:other:BaseUrl"] = "http://127.0.0.1:9/v1",
        });
        var cut = await RenderAsync(context, "other");

        var userMessage = cut.WaitForElement("[data-testid=preview-message-1]");

        var hint = userMessage.QuerySelector("[data-testid=preview-schema-hint]");
        Assert.NotNull(hint);
        Assert.Equal($"Appended to the last user message as a schema hint (provider other {reason}):", hint.QuerySelector("[data-testid=schema-delivery]")!.TextContent);
        var text = hint.QuerySelector("pre")!.TextContent;
        Assert.StartsWith(SchemaHint.Introduction, text, StringComparison.Ordinal);
        Assert.Contains("workbench.address.v1", text, StringComparison.Ordinal);
        Assert.Null(cut.Find("[data-testid=preview-message-0]").QuerySelector("[data-testid=preview-schema-hint]"));
        Assert.Empty(cut.FindAll("[data-testid=preview-schema-native]"));
    }

    [Fact]
    public async Task Preview_OpenAICompatibleThatOptsIn_IsNative()
    {
        await using var context = new PageTestContext(new Dictionary<string, string?>
        {
            ["Workbench:Providers:vllm:Type"] = "openai-compatible",
            ["Workbench:Providers:vllm:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Workbench:Providers:vllm:NativeStructuredOutput"] = "true",
        });
        var cut = await RenderAsync(context, "vllm");

        var native = cut.WaitForElement("[data-testid=preview-schema-native]");

        Assert.Contains("provider vllm supports it", native.TextContent, StringComparison.Ordinal);
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Components.Shared;
using Workbench.Tests.Hosting;
using Workbench.Tests.Pages;

namespace Workbench.Tests.Privacy;

public class ErrorHandlingTests
{
    [Fact]
    public async Task Request_UnhandledException_FriendlyPageWithCorrelationIdAndRedactedLog()
    {
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?> { ["environment"] = "Production" });
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddFakeLogging();
            s.AddSingleton<IStartupFilter, ThrowingEndpointFilter>();
        }));
        using var client = host.CreateClient();

        var response = await client.GetAsync("/boom", Xunit.TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong while handling this request", body, StringComparison.Ordinal);
        Assert.Equal("", PlantedValues.FindIn(body));
        Assert.DoesNotContain(nameof(ThrowingEndpointFilter), body, StringComparison.Ordinal);
        var records = host.Services.GetFakeLogCollector().GetSnapshot();
        var logged = Assert.Single(records, r => r.Message.Contains("correlation id", StringComparison.Ordinal));
        var id = logged.StructuredState!.Single(p => p.Key == "CorrelationId").Value!;
        Assert.Contains(WebUtility.HtmlEncode(id), body, StringComparison.Ordinal);
        Assert.All(records, r => Assert.Equal("", PlantedValues.FindIn(r.Message + r.Exception)));
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    public async Task Circuit_DetailedErrorsSetting_OnlyHonouredInDevelopment(string environment, bool expected)
    {
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?> { ["environment"] = environment, ["DetailedErrors"] = "true" });
        _ = app.Server;

        Assert.Equal(expected, app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    [Fact]
    public async Task ErrorBoundary_PageThrows_FriendlyMessageWithCorrelationIdAndRedactedLog()
    {
        await using var context = new PageTestContext();

        var boundary = context.Render<FriendlyErrorBoundary>(p => p.AddChildContent<ThrowingComponent>());

        var id = boundary.Instance.CorrelationId;
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Contains(id, boundary.Find("[data-testid=correlation-id]").TextContent, StringComparison.Ordinal);
        Assert.Equal("", PlantedValues.FindIn(boundary.Markup));
        var record = Assert.Single(context.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(id, record.Message, StringComparison.Ordinal);
        Assert.Equal("", PlantedValues.FindIn(record.Message + record.Exception));
        Assert.Contains("[SECRET:openai]", record.Exception!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorBoundary_ForDialogs_DialogThrows_FloatingMessageThatDismisses()
    {
        await using var context = new PageTestContext();

        var boundary = context.Render<FriendlyErrorBoundary>(p => p.Add(b => b.ForDialogs, true).AddChildContent<ThrowingComponent>());

        var message = boundary.Find("[data-testid=dialog-error-boundary]");
        Assert.Contains("dialog-error-boundary", message.ClassName, StringComparison.Ordinal);
        Assert.Contains("Something went wrong in a dialog and it was closed", message.TextContent, StringComparison.Ordinal);
        Assert.Contains(boundary.Instance.CorrelationId!, boundary.Find("[data-testid=correlation-id]").TextContent, StringComparison.Ordinal);
        Assert.Empty(boundary.FindAll("[data-testid=error-boundary]"));
        Assert.Equal("", PlantedValues.FindIn(boundary.Markup));
        Assert.Single(context.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Page_SessionEndedByAnError_HasTheBarBlazorShowsWithAReloadLink_HiddenUntilThen()
    {
        await using var app = new WorkbenchAppFactory();
        using var client = app.CreateClient();
        var ct = Xunit.TestContext.Current.CancellationToken;

        var html = await client.GetStringAsync(new Uri("/templates", UriKind.Relative), ct);
        var css = await client.GetStringAsync(new Uri("/app.css", UriKind.Relative), ct);

        // blazor.web.js shows the element with this id when the circuit ends on an unhandled error and wires ".reload".
        Assert.Matches("<div id=\"blazor-error-ui\" role=\"alert\"[^>]*>[^<]*no longer responds[^<]*<a href(=\"\")? class=\"reload\">", html);
        Assert.Matches(@"#blazor-error-ui \{\s*display: none;", css);
    }

    private sealed class ThrowingComponent : ComponentBase
    {
        protected override void OnInitialized() =>
            throw new InvalidOperationException("Provider rejected key " + PlantedValues.OpenAiKey + " for " + PlantedValues.Email);
    }

    private sealed class ThrowingEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) => context.Request.Path == "/boom"
                ? throw new InvalidOperationException("Upstream echoed " + PlantedValues.AnthropicKey + " and " + PlantedValues.Card)
                : Task.CompletedTask);
        };
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workbench.Core.Providers;
using Workbench.Tests.Hosting;
using Workbench.Testing;

namespace Workbench.Tests.Privacy;

/// <summary>
/// Issue 7's key test: fake provider keys in the environment, a provider server that echoes the key back in its errors
/// (as real ones do: "Incorrect API key provided: sk-..."), a run and a connection test through the API and the pages,
/// and then no key in API responses, rendered HTML, logs, exception text or the database file.
/// </summary>
public sealed class FakeKeyEndToEndTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task FakeKeys_ThroughApiAndPages_NeverAppearAnywhere()
    {
        var variable = "WB_E2E_FAKE_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, PlantedValues.OpenAiKey);
        var received = new List<string>();
        await using var leaky = await StartEchoingProviderAsync(received);
        try
        {
            await using var app = new WorkbenchAppFactory(new Dictionary<string, string?>
            {
                ["Workbench:Providers:leaky:Type"] = "openai-compatible",
                ["Workbench:Providers:leaky:BaseUrl"] = leaky.Urls.First() + "/v1",
                ["Workbench:Providers:leaky:ApiKeyVariable"] = variable,
                ["Workbench:Providers:leaky:MaxRetries"] = "0",
                ["Workbench:Logging:EnableDebug"] = "true",
                ["Logging:LogLevel:Default"] = "Trace",
            });
            await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddFakeLogging()));
            using var client = host.CreateClient();
            var seen = new StringBuilder();

            var template = await client.PostAsJsonAsync("/api/templates", new
            {
                name = "leak-check",
                messages = new[] { new { role = "user", content = "Contact {{ who }}" } },
                variables = new[] { new { name = "who", required = true } },
                settings = new { provider = "leaky", model = "gpt-test" },
            }, Ct);
            seen.Append(await template.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.Created, template.StatusCode);

            var posted = await client.PostAsJsonAsync("/api/runs", new { template = "leak-check", variables = new { who = PlantedValues.Email } }, Ct);
            seen.Append(await posted.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

            string run;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct))
            {
                deadline.CancelAfter(TimeSpan.FromSeconds(60));
                while (true)
                {
                    run = await client.GetStringAsync($"/api/runs/{id}", deadline.Token);
                    if (JsonDocument.Parse(run).RootElement.GetProperty("status").GetString() is not ("queued" or "running"))
                    {
                        break;
                    }

                    await Task.Delay(50, deadline.Token);
                }
            }

            seen.Append(run);
            Assert.Equal("failed", JsonDocument.Parse(run).RootElement.GetProperty("status").GetString());
            seen.Append(await client.GetStringAsync($"/runs/{id}", Ct));
            seen.Append(await client.GetStringAsync("/settings/providers", Ct));
            var status = await host.Services.GetRequiredService<ProviderCatalog>().TestConnectionAsync("leaky", Ct);
            seen.Append(status.Message);
            foreach (var record in host.Services.GetFakeLogCollector().GetSnapshot())
            {
                seen.Append(record.Message).Append(record.Exception);
            }

            seen.Append(await RawDatabaseFile.ReadAsync(app.DataDirectory, Ct));

            Assert.Contains(received, r => r.Contains(PlantedValues.OpenAiKey, StringComparison.Ordinal)); // the key was really used
            Assert.Contains("401", run, StringComparison.Ordinal);
            var text = seen.ToString();
            Assert.DoesNotContain(PlantedValues.OpenAiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(PlantedValues.OpenAiKey[12..40], text, StringComparison.Ordinal);
            Assert.DoesNotContain(PlantedValues.Email, text, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    /// <summary>A provider that rejects every call with 401 and quotes the bearer key it got, as real providers do.</summary>
    private static async Task<WebApplication> StartEchoingProviderAsync(List<string> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            var key = context.Request.Headers.Authorization.ToString();
            lock (received)
            {
                received.Add(key);
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message = $"Incorrect API key provided: {key}. You can find your API key in your account.", type = "invalid_request_error", code = "invalid_api_key" } }));
        });
        await app.StartAsync(Ct);
        return app;
    }
}

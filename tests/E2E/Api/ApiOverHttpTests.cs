using System.Net;
using System.Text;
using System.Text.Json;
using Workbench.E2E.Infrastructure;

namespace Workbench.E2E.Api;

/// <summary>The REST API over real Kestrel and sockets (the Workbench.Tests tier covers every case in memory).</summary>
public class ApiOverHttpTests(WorkbenchServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task TemplateThenRun_InvalidJsonOnAttempt1_RepairedOverRealHttp()
    {
        using var client = server.CreateHttpClient();
        const string template = """
            {"name": "E2E api contacts", "messages": [{"role": "user", "content": "Extract the contact from {{ text }}"}],
             "settings": {"provider": "simulated", "model": "simulated-json"},
             "schema": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}}
            """;

        using var created = await client.PostAsync(new Uri("api/templates", UriKind.Relative), Json(template), Ct);
        using var submitted = await client.PostAsync(new Uri("api/runs", UriKind.Relative), Json("""{"template": "E2E api contacts", "variables": {"text": "Ada"}, "simulation": {"faults": ["invalid-json@1"]}}"""), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var location = submitted.Headers.Location!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement run;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "The run did not finish in 60 s.");
            await Task.Delay(50, Ct);
            using var document = JsonDocument.Parse(await client.GetStringAsync(location, Ct));
            run = document.RootElement.Clone();
        }
        while (run.GetProperty("status").GetString() is "queued" or "running");

        Assert.Equal("repaired", run.GetProperty("status").GetString());
        Assert.Equal(["initial", "repair"], run.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task UnknownApiPath_ProblemJsonOverRealHttp()
    {
        using var client = server.CreateHttpClient();

        using var response = await client.GetAsync(new Uri("api/does-not-exist", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocument_ServedOverRealHttp()
    {
        using var client = server.CreateHttpClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Ct));

        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/runs/{id}", out _));
    }

    [Fact]
    public async Task HugeBody_413ProblemOverRealHttp()
    {
        using var client = server.CreateHttpClient();
        var body = "{\"name\":\"" + new string('a', 5 * 1024 * 1024) + "\"}";

        using var response = await client.PostAsync(new Uri("api/templates", UriKind.Relative), Json(body), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

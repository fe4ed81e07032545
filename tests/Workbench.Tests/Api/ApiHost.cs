using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Workbench.Tests.Hosting;

namespace Workbench.Tests.Api;

/// <summary>
/// The app in memory with an HTTP client for API tests (shared by a test class: tests use distinct names). The simulated
/// provider streams without delay, asks for a 50 ms Retry-After on a 429, and a slow first token takes ten minutes (so a
/// cancel always finds the run waiting).
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public static readonly TimeSpan FinalTimeout = TimeSpan.FromSeconds(60);

    public WorkbenchAppFactory App { get; } = new(new Dictionary<string, string?>
    {
        ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = "0",
        ["Workbench:Providers:simulated:Simulation:RetryAfterMilliseconds"] = "50",
        ["Workbench:Providers:simulated:Simulation:SlowFirstTokenMilliseconds"] = "600000",
    });

    public HttpClient Client { get; private set; } = null!;

    public static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Client = App.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    public Task<ApiResponse> PostJsonAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json, "application/json");

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null);

    /// <summary>Polls <c>GET /api/runs/{id}</c> until the status is final; fails after <see cref="FinalTimeout"/>.</summary>
    public async Task<ApiResponse> WaitForFinalAsync(string id)
    {
        var deadline = DateTime.UtcNow + FinalTimeout;
        while (true)
        {
            var run = await GetAsync("/api/runs/" + id);
            Assert.Equal(HttpStatusCode.OK, run.Status);
            if (run.Json.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {id} not final after {FinalTimeout}: {run.Body}");
            await Task.Delay(25, Ct);
        }
    }

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Client.SendAsync(request, Ct);
        return await ApiResponse.ReadAsync(response);
    }
}

/// <summary>A response read whole: status, headers of interest, the body and its JSON (null when not JSON).</summary>
public sealed record ApiResponse(HttpStatusCode Status, string? ContentType, string? Location, string? Allow, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(ApiHost.Ct);
        return new ApiResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.Location?.OriginalString,
            response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : null,
            body);
    }

    /// <summary>The messages of <c>errors[field]</c>, failing with the whole body when the field is missing.</summary>
    public IReadOnlyList<string> ErrorsFor(string field)
    {
        Assert.True(Json.TryGetProperty("errors", out var errors), Body);
        Assert.True(errors.TryGetProperty(field, out var messages), $"No errors for '{field}' in {Body}");
        return [.. messages.EnumerateArray().Select(m => m.GetString()!)];
    }

    /// <summary>Asserts an RFC 7807 problem: the media type, type/title/status/detail and a correlation id.</summary>
    public void AssertProblem(HttpStatusCode status)
    {
        Assert.Equal(status, Status);
        Assert.Equal("application/problem+json", ContentType);
        var json = Json;
        Assert.False(string.IsNullOrEmpty(json.GetProperty("type").GetString()), Body);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("title").GetString()), Body);
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("detail").GetString()), Body);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("correlationId").GetString()), Body);
    }
}

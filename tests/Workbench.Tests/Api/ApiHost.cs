using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using Workbench.Core.Persistence;
using Workbench.Testing;
using Workbench.Tests.Hosting;

namespace Workbench.Tests.Api;

/// <summary>
/// The app in memory with an HTTP client for API tests (shared by a test class: tests use distinct names). The simulated
/// provider streams without delay, asks for a 50 ms Retry-After on a 429, and a slow first token takes ten minutes (so a
/// cancel always finds the run waiting). On SQLite, or on PostgreSQL in <see cref="PostgreSqlApiHost"/> (ADR-020).
/// </summary>
public class ApiHost : IAsyncLifetime
{
    public static readonly TimeSpan FinalTimeout = TimeSpan.FromSeconds(60);

    private readonly WorkbenchAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = "0",
        ["Workbench:Providers:simulated:Simulation:RetryAfterMilliseconds"] = "50",
        ["Workbench:Providers:simulated:Simulation:SlowFirstTokenMilliseconds"] = "600000",
    });

    private HttpClient? _client;

    /// <summary>Why the engine is unavailable (PostgreSQL not installed): rethrown in each test, which skips or fails it.</summary>
    private ExceptionDispatchInfo? _unavailable;

    /// <summary>The engine of the app's database.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public WorkbenchAppFactory App
    {
        get
        {
            _unavailable?.Throw();
            return _app;
        }
    }

    public HttpClient Client
    {
        get
        {
            _unavailable?.Throw();
            return _client!;
        }
    }

    public static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            try
            {
                _app.UseSetting(DatabaseSettings.ProviderKey, "postgresql");
                _app.UseSetting(DatabaseSettings.ConnectionVariable, await PostgreSqlServer.CreateDatabaseAsync());
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Assert.Skip (or Assert.Fail under CI=true) belongs to a test, not to the fixture: keep it for each test.
                _unavailable = ExceptionDispatchInfo.Capture(ex);
                return;
            }
        }

        _client = _app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
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

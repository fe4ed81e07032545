using System.Net;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Workbench.Core.Persistence;
using Workbench.Core.Templates;
using Workbench.Tests.Hosting;
using Workbench.Tests.Privacy;

namespace Workbench.Tests.Api;

public class ApiErrorTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string ValidBody = """{"name":"Errors ok","messages":[{"role":"user","content":"Hi"}],"settings":{"provider":"simulated","model":"simulated-json"}}""";

    [Theory]
    [InlineData("""{"name": "x", "messages": [ }""", "line 1, position 29", "invalid start of a value")]
    [InlineData("{\n  \"name\": \"x\"\n  \"messages\": []\n}", "line 3, position 3", "Expected either ',', '}', or ']'")]
    [InlineData("""{"name": "unterminated""", "line 1, position", "")]
    [InlineData("?not json", "line 1, position 1", "invalid start of a value")]
    public async Task Post_MalformedJson_400ProblemSaysWhereAndWhat(string body, string where, string what)
    {
        var response = await host.PostJsonAsync("/api/templates", body);

        response.AssertProblem(HttpStatusCode.BadRequest);
        var message = Assert.Single(response.ErrorsFor("body"));
        Assert.Contains("not valid JSON", message, StringComparison.Ordinal);
        Assert.Contains(where, message, StringComparison.Ordinal);
        Assert.Contains(what, message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("\"text\"", "must be a JSON object")]
    public async Task Post_BodyNotAnObject_400Problem(string body, string expected)
    {
        var response = await host.PostJsonAsync("/api/templates", body);

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(expected, Assert.Single(response.ErrorsFor("body")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TooDeep_400ProblemNotA500()
    {
        var body = "{\"name\":" + new string('[', 200) + new string(']', 200) + "}";

        var response = await host.PostJsonAsync("/api/templates", body);

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("depth", Assert.Single(response.ErrorsFor("body")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_HugeBody_413Problem()
    {
        var body = "{\"name\":\"" + new string('a', 5 * 1024 * 1024) + "\"}";

        var response = await host.PostJsonAsync("/api/templates", body);

        response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("4 MiB", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_HugeBodyWithoutContentLength_413Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/templates")
        {
            Content = new StreamContent(new UnsizedStream(5 * 1024 * 1024)),
        };
        request.Content.Headers.ContentType = new("application/json");

        using var raw = await host.Client.SendAsync(request, ApiHost.Ct);
        var response = await ApiResponse.ReadAsync(raw);

        response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Post_NotJsonContentType_415Problem(string? contentType)
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/templates", ValidBody, contentType);

        response.AssertProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_JsonWithCharset_AcceptedWithoutAntiforgeryToken()
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/templates", ValidBody, "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api")]
    [InlineData("/api/templates/x/versions/1/more")]
    public async Task Get_UnknownApiRoute_404ProblemJsonNotTheNotFoundPage(string path)
    {
        var response = await host.GetAsync(path);

        response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains("/openapi/v1.json", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_UnknownPageOutsideApi_StillTheNotFoundPage()
    {
        var response = await host.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("text/html", response.ContentType);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    public async Task Post_CrossSiteBrowserRequest_403ProblemAndNothingDone(string header, string value)
    {
        var id = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{id}/cancel");
        request.Headers.TryAddWithoutValidation(header, value);

        using var raw = await host.Client.SendAsync(request, ApiHost.Ct);
        var response = await ApiResponse.ReadAsync(raw);

        response.AssertProblem(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Sec-Fetch-Site", "none")]
    [InlineData("Origin", "http://localhost")]
    public async Task Get_SameOriginBrowserRequest_Served(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/templates");
        request.Headers.TryAddWithoutValidation(header, value);

        using var raw = await host.Client.SendAsync(request, ApiHost.Ct);

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
    }

    [Fact]
    public async Task Delete_Templates_405ProblemWithAllow()
    {
        var response = await host.SendAsync(HttpMethod.Delete, "/api/templates", null, null);

        response.AssertProblem(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", response.Allow, StringComparison.Ordinal);
        Assert.Contains("POST", response.Allow, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Request_UnhandledException_500ProblemWithCorrelationIdAndNoExceptionText(string environment)
    {
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?> { ["environment"] = environment });
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddFakeLogging();
            s.AddSingleton(new TemplateService(new ThrowingDbFactory(), TimeProvider.System, NullLogger<TemplateService>.Instance));
        }));
        using var client = failing.CreateClient();

        using var raw = await client.GetAsync("/api/templates", ApiHost.Ct);
        var response = await ApiResponse.ReadAsync(raw);

        response.AssertProblem(HttpStatusCode.InternalServerError);
        Assert.Equal("", PlantedValues.FindIn(response.Body));
        Assert.DoesNotContain(nameof(InvalidOperationException), response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("database is on fire", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", response.Body, StringComparison.Ordinal);
        var id = response.Json.GetProperty("correlationId").GetString()!;
        Assert.Contains(id, response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var records = failing.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Error && r.Message.Contains(id, StringComparison.Ordinal));
        Assert.All(records, r => Assert.Equal("", PlantedValues.FindIn(r.Message + r.Exception)));
    }

    private sealed class ThrowingDbFactory : IDbContextFactory<WorkbenchDbContext>
    {
        public WorkbenchDbContext CreateDbContext() =>
            throw new InvalidOperationException("The database is on fire; key " + PlantedValues.OpenAiKey + " for " + PlantedValues.Email);
    }

    /// <summary>A body of unknown length (chunked): the server cannot refuse it from Content-Length.</summary>
    private sealed class UnsizedStream(int length) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, length - _position);
            if (n <= 0)
            {
                return 0;
            }

            var text = _position == 0 ? "{\"name\":\"" : "";
            var bytes = Encoding.ASCII.GetBytes(text);
            bytes.CopyTo(buffer, offset);
            Array.Fill(buffer, (byte)'a', offset + bytes.Length, n - bytes.Length);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

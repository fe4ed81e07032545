using System.Net;

namespace Workbench.Tests.Api;

public class OpenApiDocumentTests(ApiHost host) : IClassFixture<ApiHost>
{
    public static TheoryData<string, string> Operations => new()
    {
        { "/api/templates", "post" },
        { "/api/templates", "get" },
        { "/api/templates/{name}", "get" },
        { "/api/templates/{name}/versions/{version}", "get" },
        { "/api/runs", "post" },
        { "/api/runs/{id}", "get" },
        { "/api/runs/{id}/cancel", "post" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Document_Served_ListsEveryOperation(string path, string method)
    {
        var response = await host.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Json.GetProperty("paths").TryGetProperty(path, out var item), $"{path} missing");
        Assert.True(item.TryGetProperty(method, out _), $"{method} {path} missing");
    }

    [Fact]
    public async Task Document_OnlyApiPaths_AndDescribesConventions()
    {
        var response = await host.GetAsync("/openapi/v1.json");

        var json = response.Json;
        Assert.All(json.GetProperty("paths").EnumerateObject(), p => Assert.StartsWith("/api/", p.Name, StringComparison.Ordinal));
        Assert.Equal("Prompt Workbench API", json.GetProperty("info").GetProperty("title").GetString());
        var description = json.GetProperty("info").GetProperty("description").GetString();
        Assert.Contains("problem details", description, StringComparison.Ordinal);
        Assert.Contains("{\"production\": 3}", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_RoleIsAnEnumOfLowerCaseNames()
    {
        var response = await host.GetAsync("/openapi/v1.json");

        var schemas = response.Json.GetProperty("components").GetProperty("schemas");
        Assert.Contains("\"assistant\"", schemas.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("ProblemDetails", schemas.EnumerateObject().Select(s => s.Name));
    }

    [Fact]
    public async Task Document_RunAttemptKinds_IncludeTransportRetryAndFlatteningIsDescribed()
    {
        var response = await host.GetAsync("/openapi/v1.json");

        var json = response.Json;
        var kinds = json.GetProperty("components").GetProperty("schemas").GetProperty("ApiAttemptKind").GetRawText();
        Assert.Contains("\"transport-retry\"", kinds, StringComparison.Ordinal);
        var getRun = json.GetProperty("paths").GetProperty("/api/runs/{id}").GetProperty("get").GetProperty("description").GetString();
        Assert.Contains("right before the attempt it belongs to", getRun, StringComparison.Ordinal);
    }
}

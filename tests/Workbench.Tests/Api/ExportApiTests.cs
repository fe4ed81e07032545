using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Export;
using Workbench.Core.Validation;

namespace Workbench.Tests.Api;

public class ExportApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static string Template(string name) => $$$"""
        {
          "name": {{{JsonSerializer.Serialize(name)}}},
          "description": "Pulls a contact out of text",
          "messages": [
            {"role": "system", "content": "You extract contacts."},
            {"role": "user", "content": "Extract the contact from {{ text }}"}
          ],
          "variables": [{"name":"text","required":true,"example":"Ada"}],
          "settings": {"provider": "simulated", "model": "simulated-json", "temperature": 0.2, "maxOutputTokens": 512},
          "schema": {"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}
        }
        """;

    /// <summary>The app with batch evidence saying every version passed all its test cases (dispose the returned factory).</summary>
    private static (Hosting.WorkbenchAppFactory Owner, HttpClient Client) Validated()
    {
        var owner = new Hosting.WorkbenchAppFactory();
        var app = owner.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton<IExportEvidence>(new AllPassed())));
        return (owner, app.CreateClient());
    }

    [Fact]
    public async Task Export_NoBatchYet_Is409WithReasons()
    {
        await host.PostJsonAsync("/api/templates", Template("Unvalidated"));

        var response = await host.GetAsync("/api/templates/Unvalidated/export?version=1&format=bundle");

        response.AssertProblem(HttpStatusCode.Conflict);
        var reason = Assert.Single(response.Json.GetProperty("reasons").EnumerateArray());
        Assert.Equal(ExportBlocker.NoBatch, reason.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(reason.GetProperty("fix").GetString()));
    }

    [Theory]
    [InlineData("/api/templates/Nobody/export", HttpStatusCode.NotFound)]
    [InlineData("/api/templates/Unvalidated/export?label=production", HttpStatusCode.NotFound)]
    [InlineData("/api/templates/Unvalidated/export?format=docx", HttpStatusCode.BadRequest)]
    [InlineData("/api/templates/Unvalidated/export?label=production&version=1", HttpStatusCode.BadRequest)]
    public async Task Export_BadRequests_AreProblems(string path, HttpStatusCode status)
    {
        await host.PostJsonAsync("/api/templates", Template("Unvalidated"));

        (await host.GetAsync(path)).AssertProblem(status);
    }

    [Fact]
    public async Task Import_HostileBody_Is400NamingThePlaceAndWritesNothing()
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/templates/import", "---\nname: Evil\nx: &a [1]\ny: *a\n---\nuser:\nhi\n", "application/yaml");

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("anchors", Assert.Single(response.ErrorsFor("yaml")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("/api/templates/Evil")).Status);
    }

    [Fact]
    public async Task Import_TooLarge_Is413()
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/templates/import", new string(' ', 5 * 1024 * 1024 + 1), "application/json");

        response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ExportThenImport_ThroughTheApi_RoundTripsIntoAFreshApp()
    {
        string bundle;
        var (source, client) = Validated();
        await using (source)
        {
            using var created = await client.PostAsync("/api/templates", new StringContent(Template("Exported"), Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            using var response = await client.GetAsync("/api/templates/Exported/export?version=1&format=bundle", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("exported-v1.bundle.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
            bundle = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(OutputValidator.Validate(BundleFormat.JsonSchema, bundle).IsValid);

            foreach (var format in new[] { "prompty", "promptfoo" })
            {
                using var yaml = await client.GetAsync($"/api/templates/Exported/export?format={format}", Ct);
                Assert.Equal(HttpStatusCode.OK, yaml.StatusCode);
                Assert.Equal("application/yaml", yaml.Content.Headers.ContentType?.MediaType);
            }
        }

        var (target, targetClient) = Validated();
        await using var _ = target;
        using var dryRun = await targetClient.PostAsync("/api/templates/import?dryRun=true", new StringContent(bundle, Encoding.UTF8, "application/json"), Ct);
        var preview = JsonDocument.Parse(await dryRun.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.Equal("new-template", preview.GetProperty("action").GetString());
        Assert.Equal("create", preview.GetProperty("schemaAction").GetString());
        using (var notYet = await targetClient.GetAsync("/api/templates/Exported", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
        }

        using var applied = await targetClient.PostAsync("/api/templates/import", new StringContent(bundle, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        Assert.Equal("/api/templates/Exported/versions/1", applied.Headers.Location?.OriginalString);
        using var version = await targetClient.GetAsync("/api/templates/Exported/versions/1", Ct);
        var json = JsonDocument.Parse(await version.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Extract the contact from {{ text }}", json.GetProperty("messages")[1].GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("schema").ValueKind);
    }

    private sealed class AllPassed : IExportEvidence
    {
        public Task<BatchEvidence?> GetLatestBatchAsync(Guid templateId, int versionNumber, CancellationToken cancellationToken = default) =>
            Task.FromResult<BatchEvidence?>(new BatchEvidence(Guid.CreateVersion7(), true, 3, 3, ["simulated-json"], DateTime.UtcNow));
    }
}

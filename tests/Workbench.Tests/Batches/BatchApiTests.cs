using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workbench.Core.Persistence;
using Workbench.Testing;
using Workbench.Tests.Hosting;

namespace Workbench.Tests.Batches;

public class BatchApiTests
{
    private static readonly string[] InvalidOnFirstAttempt = ["invalid-json@1"];

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private async Task<(WorkbenchAppFactory App, HttpClient Client)> StartAsync()
    {
        var app = new WorkbenchAppFactory(Provider == DatabaseProvider.PostgreSql
            ? new Dictionary<string, string?> { [DatabaseSettings.ProviderKey] = "postgresql", [DatabaseSettings.ConnectionVariable] = await PostgreSqlServer.CreateDatabaseAsync() }
            : null);
        var client = app.CreateClient();
        await BatchSeed.CreateTemplateAsync(app.Services, Ct);
        return (app, client);
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> WaitForFinalAsync(HttpClient client, string id)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var batch = await JsonOf(await client.GetAsync($"/api/batches/{id}", timeout.Token));
            if (batch.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return batch;
            }

            await Task.Delay(25, timeout.Token);
        }
    }

    [Fact]
    public async Task PostBatch_Cases_Returns202AndCompletesWithCountsAndMatrix()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var __ = client;

        var response = await client.PostAsJsonAsync("/api/batches", new
        {
            template = BatchSeed.TemplateName,
            cases = new object[]
            {
                new { variables = new { city = "Oslo" }, expect = new { kind = "contains-text", value = "price" } },
                new { variables = new { city = "Rome", notes = 3 }, faults = InvalidOnFirstAttempt },
                new { variables = new { city = "Paris" }, expect = new { kind = "equals-json", value = new { city = "x", price = 1 } } },
            },
            concurrency = 2,
            maxAttempts = 2,
        }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await JsonOf(response)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/batches/{id}", response.Headers.Location?.ToString());
        var batch = await WaitForFinalAsync(client, id);
        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal(3, batch.GetProperty("total").GetInt32());
        Assert.Equal(3, batch.GetProperty("completed").GetInt32());
        Assert.Equal(2, batch.GetProperty("valid").GetInt32());
        Assert.Equal(1, batch.GetProperty("repaired").GetInt32());
        Assert.Equal(2, batch.GetProperty("passed").GetInt32());
        Assert.Equal(0, batch.GetProperty("failed").GetInt32());
        Assert.Equal(0, batch.GetProperty("cancelled").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, batch.GetProperty("startedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, batch.GetProperty("finishedAt").ValueKind);
        Assert.Equal(2.0 / 3, batch.GetProperty("settings")[0].GetProperty("passRate").GetDouble(), 6);

        var matrix = await JsonOf(await client.GetAsync($"/api/batches/{id}/runs", Ct));
        var runs = matrix.GetProperty("runs");
        Assert.Equal(3, runs.GetArrayLength());
        Assert.Equal("repaired", runs[1].GetProperty("status").GetString());
        Assert.Equal(2, runs[1].GetProperty("attempts").GetInt32());
        Assert.Equal("equals-json", runs[2].GetProperty("expect").GetString());
        Assert.False(runs[2].GetProperty("passed").GetBoolean());
        Assert.StartsWith("/city: expected \"x\"", runs[2].GetProperty("expectationReason").GetString(), StringComparison.Ordinal);

        var cancel = await client.PostAsync($"/api/batches/{id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Theory]
    [InlineData("{\"cases\":[{\"variables\":{\"city\":\"Oslo\"}}]}", "template", "A template name is required.")]
    [InlineData("{\"template\":\"nope\",\"cases\":[{\"variables\":{\"city\":\"Oslo\"}}]}", "template", "There is no template named 'nope'.")]
    [InlineData("{\"template\":\"trip-quote\"}", "cases", "Give the cases to run (cases: [{\"variables\": {...}}]) or the name of a stored test set (testSet).")]
    [InlineData("{\"template\":\"trip-quote\",\"cases\":[{}]}", "cases[0].variables", "variables is required: an object of variable names and values.")]
    [InlineData("{\"template\":\"trip-quote\",\"cases\":[{\"variables\":{\"notes\":\"x\"}}]}", "cases[0].variables", "The required variable 'city' has no value.")]
    [InlineData("{\"template\":\"trip-quote\",\"cases\":[{\"variables\":{\"city\":\"Oslo\"},\"expect\":\"equals\"}]}", "cases[0].expect", "'equals' is not an expectation; use schema-valid, equals-json, contains-text.")]
    [InlineData("{\"template\":\"trip-quote\",\"cases\":[{\"variables\":{\"city\":\"Oslo\"},\"expect\":{\"kind\":\"contains-text\"}}]}", "cases[0].expect.value", "contains-text needs a non-empty string value.")]
    [InlineData("{\"template\":\"trip-quote\",\"cases\":[{\"variables\":{\"city\":\"Oslo\"}}],\"concurrency\":0}", "concurrency", "concurrency must be between 1 and 32.")]
    [InlineData("{\"template\":\"trip-quote\",\"cases\":[{\"variables\":{\"city\":\"Oslo\"}}],\"settings\":[{\"provider\":\"nowhere\",\"model\":\"m\"}]}", "settings[0].provider", "")]
    [InlineData("{\"template\":\"trip-quote\",\"cases\":[{\"variables\":{\"city\":\"Oslo\"}}],\"simulation\":{\"faults\":[\"bogus\"]}}", "simulation.faults", "")]
    [InlineData("{\"template\":\"trip-quote\",\"cases\":\"Oslo\"}", "cases", "")]
    [InlineData("{\"template\":\"trip-quote\",\"concurrency\":\"four\"}", "concurrency", "")]
    [InlineData("not json", "body", "")]
    [InlineData("", "body", "The request body is empty: send a JSON object.")]
    public async Task PostBatch_BadBody_400NamingTheField(string body, string field, string message)
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var __ = client;

        var response = await client.PostAsync("/api/batches", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonOf(response);
        var messages = problem.GetProperty("errors").GetProperty(field);
        if (message.Length > 0)
        {
            Assert.Equal(message, messages[0].GetString());
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
    }

    [Fact]
    public async Task Endpoints_UnknownBatchAndWrongContentType_AreProblems()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var __ = client;
        var id = Guid.NewGuid();

        var get = await client.GetAsync($"/api/batches/{id}", Ct);
        var runs = await client.GetAsync($"/api/batches/{id}/runs", Ct);
        var cancel = await client.PostAsync($"/api/batches/{id}/cancel", null, Ct);
        var text = await client.PostAsync("/api/batches", new StringContent("template=x", Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal($"There is no batch {id}.", (await JsonOf(get)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, runs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Contains("Content-Type 'text/plain", (await JsonOf(text)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestSets_PutGetImportAndRunByName()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var __ = client;

        var put = await client.PutAsJsonAsync("/api/templates/trip-quote/test-sets/smoke", new
        {
            cases = new object[] { new { variables = new { city = "Oslo" }, expect = new { kind = "contains-text", value = "Oslo" } } },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var set = await JsonOf(await client.GetAsync("/api/templates/TRIP-QUOTE/test-sets/smoke", Ct));
        Assert.Equal("contains-text", set.GetProperty("cases")[0].GetProperty("expect").GetProperty("kind").GetString());

        var csv = "city,notes,expected_json\nRome,x,\nParis,\"a, b\",\"{\"\"city\"\":\"\"Paris\"\"}\"\n";
        var imported = await client.PostAsync("/api/templates/trip-quote/test-sets/default/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await JsonOf(imported)).GetProperty("imported").GetInt32());

        var bad = "{\"city\":\"Bergen\"}\n{\"city\": Bergen}\n";
        var refused = await client.PostAsync("/api/templates/trip-quote/test-sets/jsonl/import", new StringContent(bad, Encoding.UTF8, "application/jsonl"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await JsonOf(refused);
        Assert.Equal(2, problem.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal(1, problem.GetProperty("validCases").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/templates/trip-quote/test-sets/jsonl", Ct)).StatusCode); // nothing partially imported
        var partial = await client.PostAsync("/api/templates/trip-quote/test-sets/jsonl/import?validRows=true", new StringContent(bad, Encoding.UTF8, "application/x-ndjson"), Ct);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal((1, 1), ((await JsonOf(partial)).GetProperty("imported").GetInt32(), (await JsonOf(partial)).GetProperty("skipped").GetInt32()));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync("/api/templates/trip-quote/test-sets/x/import", new StringContent("a", Encoding.UTF8, "text/plain"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/templates/nope/test-sets/x/import", new StringContent("a", Encoding.UTF8, "text/csv"), Ct)).StatusCode);
        var sets = await JsonOf(await client.GetAsync("/api/templates/trip-quote/test-sets", Ct));
        Assert.Equal(3, sets.GetArrayLength());

        var started = await client.PostAsJsonAsync("/api/batches", new { template = "trip-quote", testSet = "default" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var batch = await WaitForFinalAsync(client, (await JsonOf(started)).GetProperty("id").GetString()!);
        Assert.Equal((2, 2), (batch.GetProperty("total").GetInt32(), batch.GetProperty("valid").GetInt32()));
        Assert.Equal("default", batch.GetProperty("testSet").GetString());
    }
}

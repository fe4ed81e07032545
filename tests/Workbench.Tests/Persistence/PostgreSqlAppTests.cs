using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.DataProtection;
using Workbench.Core.History;
using Workbench.Core.Persistence;
using Workbench.Testing;
using Workbench.Tests.Hosting;
using Workbench.Tests.Privacy;

namespace Workbench.Tests.Persistence;

/// <summary>
/// The whole app on PostgreSQL (ADR-020): migrations applied at start-up, health, the REST API creating a template and a
/// run, the stored rows redacted, and the history search. Skipped where PostgreSQL is absent (failed when CI=true).
/// </summary>
public class PostgreSqlAppTests
{
    private const string Template = """
        {
          "name": "Pg contacts",
          "messages": [{"role": "user", "content": "Extract the contact from {{ text }}"}],
          "variables": [{"name": "text", "required": true}],
          "settings": {"provider": "simulated", "model": "simulated-json"},
          "schema": {"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}}, "required": ["name", "email"]}
        }
        """;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task App_PostgreSqlProvider_HealthyApiRunStoredRedactedAndSearchable()
    {
        var connection = await PostgreSqlServer.CreateDatabaseAsync();
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?>
        {
            ["Workbench:Database:Provider"] = "postgresql",
            [DatabaseSettings.ConnectionVariable] = connection,
            [KeyRingEncryptionKey.Variable] = KeyRingEncryptionKey.Generate(), // required on PostgreSQL (ADR-023)
            ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = "0",
        });
        using var client = app.CreateClient();

        var health = await client.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(DatabaseProvider.PostgreSql, app.Services.GetRequiredService<DatabaseSettings>().Provider);

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, "/api/templates", Template)).StatusCode);
        var text = $"Mail {PlantedValues.Email} about the Trondheim office; key {PlantedValues.OpenAiKey}";
        using var submitted = await PostAsync(client, "/api/runs", $$$"""{"template": "Pg contacts", "variables": {"text": {{{JsonSerializer.Serialize(text)}}}}, "simulation": {"faults": ["echo-pii"]}}""");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString()!;
        var run = await WaitForFinalAsync(client, id);

        Assert.Equal("", PlantedValues.FindIn(run));
        var rows = await RawDatabaseFile.ReadAllRowsAsync(connection, Ct);
        Assert.Contains("Trondheim", rows, StringComparison.Ordinal); // the scan reads the stored run
        Assert.Equal("", PlantedValues.FindIn(rows));

        var history = app.Services.GetRequiredService<RunHistory>();
        var found = await history.QueryAsync(new RunHistoryQuery { Text = "trondh" }, Ct);
        Assert.Equal(Guid.Parse(id), Assert.Single(found.Value!.Rows).Id);
        var none = await history.QueryAsync(new RunHistoryQuery { Text = "jane.roe" }, Ct);
        Assert.Empty(none.Value!.Rows);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static async Task<string> WaitForFinalAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var body = await client.GetStringAsync("/api/runs/" + id, Ct);
            if (JsonDocument.Parse(body).RootElement.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {id} not final after 60 s: {body}");
            await Task.Delay(25, Ct);
        }
    }
}

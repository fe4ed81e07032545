using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workbench.Core.History;
using Workbench.Core.DataProtection;
using Workbench.Core.Persistence;
using Workbench.Core.Persistence.Copy;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Hosting;
using Workbench.Security;
using Workbench.Testing;
using Workbench.Tests.Privacy;
using Workbench.Tests.Security;

namespace Workbench.Tests.Persistence;

/// <summary>
/// <c>copy-database</c> for real (ADR-024): a team-mode app on SQLite fills every table through its own services and API,
/// the command copies the file into an empty PostgreSQL database, and a second app on PostgreSQL sees the same data:
/// sign-in with a copied password, a copied API token, history search, immutable versions, new rows after the copied ids.
/// Skipped where PostgreSQL is absent (failed when CI=true).
/// </summary>
public sealed partial class CopyDatabaseTests
{
    private const string Secret = "copy-secret-never-printed";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task CopyDatabase_EveryKindOfRecord_CountsMatchAndTheAppOnPostgreSqlSeesTheSameData()
    {
        var target = await PostgreSqlServer.CreateDatabaseAsync();
        var data = new TemporaryDataDirectory("workbench-copy");
        try
        {
            var seeded = await SeedSqliteAsync(data.Path);
            var file = Path.Combine(data.Path, DatabasePaths.DatabaseFileName);
            // WorkItems is the PostgreSQL work queue (ADR-022): a SQLite app never writes it, so it is copied empty.
            var empty = (await SqliteCountsAsync(file)).Where(c => c.Value == 0 && c.Key != "WorkItems").Select(c => c.Key).ToList();
            Assert.True(empty.Count == 0, "The seed leaves tables empty (extend it): " + string.Join(", ", empty));

            var (code, output, error) = await RunCommandAsync(target + ";Password=" + Secret, "copy-database", "--from", file);

            Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
            Assert.DoesNotContain(Secret, output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("Host=", output + error, StringComparison.Ordinal);
            Assert.Contains("every count matches", output, StringComparison.Ordinal);
            foreach (var (table, rows) in await SqliteCountsAsync(file))
            {
                Assert.Equal(rows, await PostgreSqlCountAsync(target, table));
                Assert.Matches($@"(?m)^{table}\s+{rows.ToString("N0", CultureInfo.InvariantCulture)}\s+{rows.ToString("N0", CultureInfo.InvariantCulture)}$", output);
            }

            Assert.Equal("", PlantedValues.FindIn(await RawDatabaseFile.ReadAllRowsAsync(target, Ct)));
            // The copied key ring opens with the SQLite app's key, which the command names.
            var keyFile = Path.Combine(data.Path, KeyRingEncryptionKey.KeyFileName);
            Assert.Contains(keyFile, output, StringComparison.Ordinal);
            await AssertPostgreSqlAppSeesTheDataAsync(target, seeded, (await File.ReadAllTextAsync(keyFile, Ct)).Trim());

            var again = await RunCommandAsync(target, "copy-database", "--from", file);
            Assert.Equal(1, again.Code);
            Assert.Contains("is not empty", again.Error, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            data.Delete();
        }
    }

    [Fact]
    public async Task CopyDatabase_MissingOrForeignSource_IsRefusedWithAClearMessage()
    {
        var data = new TemporaryDataDirectory("workbench-copy");
        try
        {
            Directory.CreateDirectory(data.Path);
            var connection = "Host=127.0.0.1;Port=1;Database=never_reached;Password=" + Secret;

            var missing = await RunCommandAsync(connection, "copy-database", "--from", Path.Combine(data.Path, "nothing.db"));
            var text = Path.Combine(data.Path, "notes.txt");
            await File.WriteAllTextAsync(text, new string('x', 4096), Ct);
            var notSqlite = await RunCommandAsync(connection, "copy-database", "--from", text);
            var other = Path.Combine(data.Path, "other.db");
            await using (var sqlite = new SqliteConnection($"Data Source={other};Pooling=False"))
            {
                await sqlite.OpenAsync(Ct);
                await using var create = sqlite.CreateCommand();
                create.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)";
                await create.ExecuteNonQueryAsync(Ct);
            }

            var foreign = await RunCommandAsync(connection, "copy-database", "--from", other);
            var noArguments = await RunCommandAsync(connection, "copy-database");
            var noTarget = await RunCommandAsync(null, "copy-database", "--from", other);

            Assert.Equal((1, 1, 1, 2, 1), (missing.Code, notSqlite.Code, foreign.Code, noArguments.Code, noTarget.Code));
            Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
            Assert.Contains("cannot be read as a SQLite database", notSqlite.Error, StringComparison.Ordinal);
            Assert.Contains("is not a Prompt Workbench database", foreign.Error, StringComparison.Ordinal);
            Assert.Contains("--from", noArguments.Error, StringComparison.Ordinal);
            Assert.Contains(DatabaseSettings.ConnectionVariable, noTarget.Error, StringComparison.Ordinal);
            foreach (var run in new[] { missing, notSqlite, foreign, noArguments, noTarget })
            {
                Assert.DoesNotContain(Secret, run.Output + run.Error, StringComparison.Ordinal);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            data.Delete();
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunCommandAsync(string? connection, params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseSettings.ConnectionVariable] = connection })
            .Build();
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await CopyDatabaseCommand.RunAsync(args, configuration, output, error, Ct);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>What the seed made that the PostgreSQL app must find again.</summary>
    private sealed record Seeded(string Token, Guid RunId, Guid TemplateId, string TemplateVersionJson);

    private static async Task<Seeded> SeedSqliteAsync(string dataDirectory)
    {
        await using var team = new TeamApp(new Dictionary<string, string?>
        {
            ["Workbench:DataDirectory"] = dataDirectory,
            ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = "0",
        });
        await team.InitializeAsync();
        var services = team.Factory.Services;
        var admin = await team.UserIdAsync(TeamApp.EmailFor(Roles.Admin));
        var token = await team.Tokens.CreateAsync(admin, "copied token", Roles.Admin, null, Ct);
        Assert.True(token.Succeeded, token.Error);
        using var api = team.BearerClient(token.Token!);
        using (var signedIn = await team.ClientForAsync(Roles.Author))
        {
            // A sign-in (an audit entry) through the real form.
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var adminUser = (await users.FindByIdAsync(admin))!;
        Assert.True((await users.AddClaimAsync(adminUser, new Claim("team", "blue"))).Succeeded);
        Assert.True((await users.AddLoginAsync(adminUser, new UserLoginInfo("oidc", "subject-1", "Acme SSO"))).Succeeded);
        Assert.True((await users.SetAuthenticationTokenAsync(adminUser, "oidc", "id_token_hint", "opaque-test-value")).Succeeded);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        Assert.True((await roles.AddClaimAsync((await roles.FindByNameAsync(Roles.Reviewer))!, new Claim("scope", "reviews"))).Succeeded);

        const string template = """
            {
              "name": "Copied contacts",
              "messages": [{"role": "user", "content": "Extract the contact from {{ text }}"}],
              "variables": [{"name": "text", "required": true}],
              "settings": {"provider": "simulated", "model": "simulated-json"},
              "schema": {"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}}, "required": ["name", "email"]}
            }
            """;
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(api, "/api/templates", template)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(api, "/api/templates", template.Replace("Extract the contact", "Extract the person", StringComparison.Ordinal))).StatusCode);
        var templates = services.GetRequiredService<TemplateService>();
        var summary = (await templates.FindByNameAsync("Copied contacts", Ct))!;
        Assert.True((await templates.SetLabelAsync(summary.Id, "production", 1, "admin", Ct)).Succeeded);
        var latest = (await templates.GetLatestVersionAsync(summary.Id, Ct))!;
        await templates.SaveDraftAsync(summary.Id, "admin", latest.Number, latest.Content, Ct);
        var schemas = services.GetRequiredService<SchemaService>();
        var schema = (await schemas.FindByNameAsync("Copied contacts-output", Ct))!;
        Assert.True((await schemas.SetLabelAsync(schema.Id, "production", 1, "admin", Ct)).Succeeded);
        Assert.True(await schemas.SaveDraftAsync(null, "admin", 0, """{"type": "object"}""", "Half-made schema", cancellationToken: Ct));

        var text = $"Mail {PlantedValues.Email} about the Trondheim office";
        using var run = await PostAsync(api, "/api/runs", $$$"""{"template": "Copied contacts", "variables": {"text": {{{JsonSerializer.Serialize(text)}}}}, "simulation": {"faults": ["invalid-json@1"]}}""");
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        var runId = Guid.Parse(JsonDocument.Parse(await run.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString()!);
        await WaitAsync(api, "/api/runs/" + runId, s => s is not ("queued" or "running"));
        Assert.True((await services.GetRequiredService<VerdictService>().AddAsync(runId, "reviewer", VerdictKind.Approved, null, Ct)).Succeeded);

        using var set = await api.PutAsync("/api/templates/Copied contacts/test-sets/default", new StringContent(
            """{"cases": [{"variables": {"text": "Ada Lovelace, London"}}, {"variables": {"text": "Alan Turing, Wilmslow"}}]}""", Encoding.UTF8, "application/json"), Ct);
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync(Ct));
        using var batch = await PostAsync(api, "/api/batches", """{"template": "Copied contacts", "testSet": "default"}""");
        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        var batchId = JsonDocument.Parse(await batch.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString();
        await WaitAsync(api, "/api/batches/" + batchId, s => s is "completed");

        var version = await api.GetStringAsync("/api/templates/Copied contacts/versions/1", Ct);
        return new Seeded(token.Token!, runId, summary.Id, version);
    }

    private static async Task AssertPostgreSqlAppSeesTheDataAsync(string connection, Seeded seeded, string keyRingKey)
    {
        await using var team = new TeamApp(new Dictionary<string, string?>
        {
            ["Workbench:Database:Provider"] = "postgresql",
            [DatabaseSettings.ConnectionVariable] = connection,
            [KeyRingEncryptionKey.Variable] = keyRingKey,
        });
        var services = team.Factory.Services;

        // A copied password signs in (and the sign-in's audit entry gets an id after the copied ones).
        using var author = team.CreateClient();
        var signIn = await TeamApp.SignInAsync(author, TeamApp.EmailFor(Roles.Author), TeamApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var me = await author.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        Assert.Equal(TeamApp.EmailFor(Roles.Author), me.GetProperty("name").GetString());

        // A copied API token still works, and reads the same version as before (to the microsecond: PostgreSQL's precision).
        using var api = team.BearerClient(seeded.Token);
        Assert.Equal(ToMicroseconds(seeded.TemplateVersionJson), ToMicroseconds(await api.GetStringAsync("/api/templates/Copied contacts/versions/1", Ct)));

        // History search (the tsvector PostgreSQL computed for the copied run) and the verdict.
        var found = await services.GetRequiredService<RunHistory>().QueryAsync(new RunHistoryQuery { Text = "trondh" }, Ct);
        Assert.Equal(seeded.RunId, Assert.Single(found.Value!.Rows).Id);
        Assert.Equal(VerdictKind.Approved, Assert.Single(await services.GetRequiredService<VerdictService>().ListAsync(seeded.RunId, Ct)).Verdict);

        // Versions stay immutable (the trigger), and new rows take ids after the copied ones (sequences moved).
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"TemplateVersions\" SET \"CommitMessage\" = 'rewritten'", Ct));
        Assert.Contains("immutable", refused.MessageText, StringComparison.Ordinal);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var admin = (await users.FindByEmailAsync(TeamApp.EmailFor(Roles.Admin)))!;
        Assert.True((await users.AddClaimAsync(admin, new Claim("team", "green"))).Succeeded);
        Assert.Equal(["blue", "green"], (await users.GetClaimsAsync(admin)).Where(c => c.Type == "team").Select(c => c.Value).Order());
        Assert.Equal("subject-1", Assert.Single(await users.GetLoginsAsync(admin)).ProviderKey);
        var latest = await services.GetRequiredService<TemplateService>().GetLatestVersionAsync(seeded.TemplateId, Ct);
        Assert.Equal(2, latest!.Number);
    }

    /// <summary>Every time of day in <paramref name="json"/> cut to microseconds (timestamptz keeps 6 digits; .NET has 7).</summary>
    private static string ToMicroseconds(string json) =>
        FractionalSeconds().Replace(json, m => m.Groups[1].Value + "." + m.Groups[2].Value.PadRight(7, '0')[..6]);

    [GeneratedRegex(@"(\d{2}:\d{2}:\d{2})\.(\d+)")]
    private static partial Regex FractionalSeconds();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static async Task WaitAsync(HttpClient client, string path, Func<string?, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var body = await client.GetStringAsync(path, Ct);
            if (done(JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} not done after 90 s: {body}");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<Dictionary<string, long>> SqliteCountsAsync(string file)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        foreach (var table in DatabaseCopier.CreatePlan().Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table.Name}\"";
            counts[table.Name] = Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static async Task<long> PostgreSqlCountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }
}

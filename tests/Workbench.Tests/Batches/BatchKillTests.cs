using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Workbench.Core;
using Workbench.Core.Persistence;
using Workbench.Testing;

namespace Workbench.Tests.Batches;

/// <summary>
/// Crash safety of batches against the real app as a separate process: a batch is killed (SIGKILL) mid-way and the app
/// restarted on the same data directory; every run that had finished is still stored with its attempts, the rest are
/// interrupted with a reason, the batch is interrupted, and nothing is missing.
/// </summary>
public class BatchKillTests
{
    private const int Cases = 200;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillDuringBatch_Restart_FinishedRunsKeptRestInterruptedNothingMissing()
    {
        var data = new TemporaryDataDirectory("workbench-kill-test");
        try
        {
            await SeedAsync(data.Path);
            string id;
            Dictionary<Guid, (string Status, int Attempts)> finishedBeforeKill;
            using (var first = await AppProcess.StartAsync(data.Path, Ct))
            {
                var posted = await first.Client.PostAsJsonAsync("/api/batches", new
                {
                    template = BatchSeed.TemplateName,
                    cases = Enumerable.Range(0, Cases).Select(i => new { variables = new { city = "City" + i } }),
                    concurrency = 4,
                }, Ct);
                Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
                id = (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct))
                {
                    timeout.CancelAfter(TimeSpan.FromSeconds(60));
                    while ((await first.Client.GetFromJsonAsync<JsonElement>($"/api/batches/{id}", timeout.Token)).GetProperty("completed").GetInt32() < 10)
                    {
                        await Task.Delay(50, timeout.Token);
                    }
                }

                var snapshot = await first.Client.GetFromJsonAsync<JsonElement>($"/api/batches/{id}/runs", Ct);
                finishedBeforeKill = snapshot.GetProperty("runs").EnumerateArray()
                    .Where(r => r.GetProperty("status").GetString() is not ("queued" or "running"))
                    .ToDictionary(r => r.GetProperty("runId").GetGuid(), r => (r.GetProperty("status").GetString()!, r.GetProperty("attempts").GetInt32()));
                first.Kill();
            }

            Assert.InRange(finishedBeforeKill.Count, 10, Cases - 1);

            using var second = await AppProcess.StartAsync(data.Path, Ct);
            var batch = await second.Client.GetFromJsonAsync<JsonElement>($"/api/batches/{id}", Ct);
            Assert.Equal("interrupted", batch.GetProperty("status").GetString());
            Assert.False(string.IsNullOrWhiteSpace(batch.GetProperty("statusReason").GetString()));
            Assert.Equal(Cases, batch.GetProperty("total").GetInt32());
            Assert.Equal(Cases, batch.GetProperty("completed").GetInt32());
            Assert.Equal(0, batch.GetProperty("queued").GetInt32() + batch.GetProperty("running").GetInt32());
            Assert.Equal(Cases, batch.GetProperty("valid").GetInt32() + batch.GetProperty("interrupted").GetInt32());
            Assert.True(batch.GetProperty("interrupted").GetInt32() > 0);

            var runs = (await second.Client.GetFromJsonAsync<JsonElement>($"/api/batches/{id}/runs", Ct)).GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal(Cases, runs.Count);
            Assert.Equal(Enumerable.Range(0, Cases), runs.Select(r => r.GetProperty("case").GetInt32()));
            foreach (var (runId, (status, attempts)) in finishedBeforeKill)
            {
                var run = runs.Single(r => r.GetProperty("runId").GetGuid() == runId);
                Assert.Equal(status, run.GetProperty("status").GetString());
                Assert.Equal(attempts, run.GetProperty("attempts").GetInt32());
            }

            Assert.All(runs.Where(r => r.GetProperty("status").GetString() == "interrupted"), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("statusReason").GetString())));

            // Every stored attempt count matches its attempt rows: nothing half-written.
            await using var connection = new SqliteConnection(DatabasePaths.ConnectionString(data.Path));
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Runs r WHERE r.BatchId IS NOT NULL AND r.AttemptCount <> (SELECT COUNT(*) FROM RunAttempts a WHERE a.RunId = r.Id)";
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync(Ct))!);
        }
        finally
        {
            data.Delete();
        }
    }

    private static async Task SeedAsync(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Workbench:DataDirectory"] = dataDirectory }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new SeedEnvironment(dataDirectory));
        services.AddLogging();
        services.AddWorkbenchCore(configuration);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Ct);
        await BatchSeed.CreateTemplateAsync(provider, Ct);
        SqliteConnection.ClearAllPools();
    }

    private sealed class SeedEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Workbench";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

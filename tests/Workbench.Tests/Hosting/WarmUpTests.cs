using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Hosting;

namespace Workbench.Tests.Hosting;

/// <summary>The start-up warm-up of the run path (ADR-027) as the running app shows it.</summary>
public class WarmUpTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task App_WithWarmUp_BecomesHealthyAfterIt_AndItsDatabaseHoldsNothingOfIt()
    {
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?> { ["Workbench:Runs:WarmUpCases"] = "3" });
        using var client = app.CreateClient();

        var health = await WaitForHealthyAsync(client);

        Assert.Equal("Run path warmed up.", health.GetProperty("checks").GetProperty("warm-up").GetProperty("description").GetString());
        Assert.Equal(WarmUpState.Done, app.Services.GetRequiredService<RunPathWarmUp>().State);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Templates.CountAsync(Ct));
        Assert.Equal(0, await db.Schemas.CountAsync(Ct));
        Assert.Equal(0, await db.Runs.CountAsync(Ct));
        Assert.Equal(0, await db.Batches.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        Assert.Equal("[]", await client.GetStringAsync("/api/templates", Ct));
    }

    [Fact]
    public async Task App_WithoutWarmUp_IsHealthyAtOnceAndSaysWhy()
    {
        await using var app = new WorkbenchAppFactory(); // the test factory switches the warm-up off

        using var client = app.CreateClient();
        var health = await WaitForHealthyAsync(client);

        Assert.StartsWith("No warm-up", health.GetProperty("checks").GetProperty("warm-up").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WarmUpState.Pending, HealthStatus.Degraded)]
    [InlineData(WarmUpState.Running, HealthStatus.Degraded)]
    [InlineData(WarmUpState.Done, HealthStatus.Healthy)]
    [InlineData(WarmUpState.Off, HealthStatus.Healthy)]
    [InlineData(WarmUpState.Failed, HealthStatus.Healthy)]
    public void HealthCheck_DegradedOnlyWhileWarmingUp(WarmUpState state, HealthStatus expected)
    {
        var result = WarmUpHealthCheck.ResultFor(state);

        Assert.Equal(expected, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Description));
    }

    private static async Task<JsonElement> WaitForHealthyAsync(HttpClient client)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/healthz", Ct);
            response.EnsureSuccessStatusCode(); // 200 while degraded too
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            if (body.GetProperty("status").GetString() == "Healthy")
            {
                return body;
            }

            Assert.Equal("Degraded", body.GetProperty("status").GetString());
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "The warm-up did not end within 2 minutes.");
            await Task.Delay(100, Ct);
        }
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;

namespace Workbench.Tests.History;

/// <summary>Stored runs written straight into the test database (through the redaction interceptor), one minute apart.</summary>
internal static class HistorySeed
{
    private static readonly DateTime Start = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static int _sequence;

    public static async Task<Guid> AddRunAsync(
        IServiceProvider services,
        string template = "trip",
        RunStatus status = RunStatus.Valid,
        string json = """{"city":"Oslo","price":100}""",
        string model = "simulated-json",
        string? author = "local")
    {
        var created = Start.AddMinutes(Interlocked.Increment(ref _sequence));
        var id = Guid.CreateVersion7(new DateTimeOffset(created));
        var factory = services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        db.Runs.Add(new RunEntity
        {
            Id = id,
            TemplateName = template,
            TemplateVersion = 1,
            Provider = "simulated",
            Model = model,
            Status = status,
            StartedBy = author,
            VariablesJson = JsonSerializer.Serialize(new Dictionary<string, string?> { ["city"] = "Oslo" }),
            Output = json,
            Json = status is RunStatus.Valid or RunStatus.Repaired or RunStatus.Invalid ? json : null,
            AttemptCount = 1,
            CreatedAtUtc = created,
            StartedAtUtc = created,
            FinishedAtUtc = created.AddSeconds(1),
        });
        db.RunAttempts.Add(new RunAttemptEntity
        {
            Id = Guid.NewGuid(),
            RunId = id,
            Number = 1,
            Kind = RunAttemptKind.Initial,
            Status = status == RunStatus.Invalid ? RunAttemptStatus.Invalid : RunAttemptStatus.Valid,
            MessagesJson = JsonSerializer.Serialize(new[] { new RunMessage("system", "Quote trips."), new RunMessage("user", "Trip to Oslo") }, Web),
            Output = json,
            Json = json,
            InputTokens = 10,
            OutputTokens = 5,
            LatencyMs = 250,
            CostUsd = 0.001m,
        });
        await db.SaveChangesAsync();
        return id;
    }
}

using System.Text.Json;
using Workbench.Core.History;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.History;

/// <summary>A migrated database with runs inserted directly (through the redaction interceptor), and the history services over it.</summary>
public sealed class HistoryTestBed : IAsyncDisposable
{
    private static readonly DateTime Start = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    private int _sequence;

    private HistoryTestBed(TestDatabase database)
    {
        Database = database;
        History = new RunHistory(database.Factory, database.CreateRunSearch());
        Verdicts = new VerdictService(database.Factory, database.Time);
        Insights = new RunInsights(database.Factory);
    }

    public TestDatabase Database { get; }

    public RunHistory History { get; }

    public VerdictService Verdicts { get; }

    public RunInsights Insights { get; }

    /// <summary>A stored attempt with the given metrics (cost and tokens may be unknown).</summary>
    public static RunAttemptEntity Attempt(int number = 1, decimal? costUsd = 0.001m, long latencyMs = 500, long? inputTokens = 100, long? outputTokens = 50, bool estimated = false) =>
        new() { Id = Guid.NewGuid(), Number = number, CostUsd = costUsd, LatencyMs = latencyMs, InputTokens = inputTokens, OutputTokens = outputTokens, TokensEstimated = estimated };

    public static async Task<HistoryTestBed> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite) => new(await TestDatabase.CreateAsync(provider));

    /// <summary>Adds a run; each one is a minute newer than the one before unless <c>createdAtUtc</c> is given.</summary>
    public async Task<Guid> AddAsync(
        string template = "trip",
        int version = 1,
        RunStatus status = RunStatus.Valid,
        string provider = "simulated",
        string model = "simulated-json",
        string? label = null,
        string? author = "local",
        IReadOnlyDictionary<string, string?>? variables = null,
        string? output = null,
        int attempts = 1,
        DateTime? createdAtUtc = null,
        Guid? batchId = null,
        int? settingIndex = null,
        IReadOnlyList<RunAttemptEntity>? attemptRows = null)
    {
        var created = createdAtUtc ?? Start.AddMinutes(_sequence++);
        var run = new RunEntity
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(created)),
            TemplateName = template,
            TemplateVersion = version,
            Label = label,
            Provider = provider,
            Model = model,
            Status = status,
            StartedBy = author,
            VariablesJson = JsonSerializer.Serialize(variables ?? new Dictionary<string, string?> { ["city"] = "Oslo" }),
            Output = output ?? """{"city":"Oslo","price":100}""",
            AttemptCount = attempts,
            CreatedAtUtc = created,
            StartedAtUtc = created,
            FinishedAtUtc = created.AddSeconds(2),
            BatchId = batchId,
            SettingIndex = settingIndex,
            Attempts = attemptRows?.ToList() ?? [],
        };
        await using var db = await Database.Factory.CreateDbContextAsync();
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    /// <summary>Adds <paramref name="count"/> runs whose output contains <paramref name="word"/>, a minute apart, in one save; returns their ids oldest first.</summary>
    public async Task<List<Guid>> AddManyAsync(int count, string word, string template = "trip")
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var created = Start.AddMinutes(_sequence++);
            var run = new RunEntity
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(created)),
                TemplateName = template,
                TemplateVersion = 1,
                Provider = "simulated",
                Model = "simulated-json",
                Status = RunStatus.Valid,
                VariablesJson = "{}",
                Output = $$"""{"note":"{{word}} {{i}}"}""",
                AttemptCount = 1,
                CreatedAtUtc = created,
            };
            db.Runs.Add(run);
            ids.Add(run.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>Adds an (empty) batch row for runs to point at.</summary>
    public async Task<Guid> AddBatchAsync(string template = "trip")
    {
        var batch = new BatchEntity { Id = Guid.NewGuid(), TemplateName = template, TemplateVersion = 1, CreatedAtUtc = Start };
        await using var db = await Database.Factory.CreateDbContextAsync();
        db.Batches.Add(batch);
        await db.SaveChangesAsync();
        return batch.Id;
    }

    public async Task<RunHistoryPage> QueryAsync(RunHistoryQuery query)
    {
        var result = await History.QueryAsync(query, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        return result.Value!;
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

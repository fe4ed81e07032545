using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;

namespace Workbench.Core.History;

/// <summary>
/// The figures behind the charts (issue 8): per template, pass rate, cost and attempts needed per version over time;
/// per batch, latency and token distributions per setting. Reads are <c>AsNoTracking</c> projections over the
/// <c>(TemplateName, CreatedAtUtc)</c> index and the batch's runs; aggregation happens here, in memory, because costs
/// are decimals (SQLite cannot sum them) and "unknown" must stay unknown rather than become zero.
/// </summary>
public sealed class RunInsights(IDbContextFactory<WorkbenchDbContext> dbFactory)
{
    /// <summary>The newest runs of a template that the charts are built from.</summary>
    public const int MaxRuns = 10_000;

    /// <summary>Beyond this many days between the oldest and newest run, periods are weeks instead of days.</summary>
    public const int MaxDays = 60;

    /// <summary>Pass rate, cost and attempts per version of <paramref name="template"/> (by name); empty when it has no runs.</summary>
    public async Task<TemplateInsights> GetTemplateAsync(string template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.TemplateName == template && r.TemplateVersion != null)
            .OrderByDescending(r => r.CreatedAtUtc)
            .Take(MaxRuns + 1)
            .Select(r => new TemplateRun(r.TemplateVersion!.Value, r.CreatedAtUtc, r.Status, r.Attempts.Select(a => a.CostUsd).ToList()))
            .ToListAsync(cancellationToken);
        var truncated = runs.Count > MaxRuns;
        if (truncated)
        {
            runs.RemoveAt(runs.Count - 1);
        }

        return Summarize(template, runs, truncated);
    }

    /// <summary>Latency and token distributions per setting of a batch; empty settings when it has no finished runs.</summary>
    public async Task<BatchInsights> GetBatchAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.BatchId == batchId)
            .Select(r => new
            {
                Setting = r.SettingIndex ?? 0,
                r.Provider,
                r.Model,
                r.Status,
                Attempts = r.Attempts.Select(a => new { a.LatencyMs, a.InputTokens, a.OutputTokens, a.TokensEstimated }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var measured = runs.Where(r => RunOutcomes.IsFinal(r.Status) && r.Attempts.Count > 0).ToList();
        var latencies = measured.ToDictionary(r => r, r => (double)r.Attempts.Sum(a => a.LatencyMs));
        var tokens = measured
            .Where(r => r.Attempts.All(a => a.InputTokens is not null && a.OutputTokens is not null))
            .ToDictionary(r => r, r => (double)r.Attempts.Sum(a => a.InputTokens!.Value + a.OutputTokens!.Value));
        var latencyBuckets = Histogram.Create(latencies.Values);
        var tokenBuckets = Histogram.Create(tokens.Values);
        var settings = runs
            .GroupBy(r => r.Setting)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var first = g.First();
                var settingLatencies = g.Where(latencies.ContainsKey).Select(r => latencies[r]).ToList();
                var settingTokens = g.Where(tokens.ContainsKey).Select(r => tokens[r]).ToList();
                return new SettingDistribution(
                    g.Key,
                    Label(first.Provider, first.Model, g.Key),
                    DistributionSummary.Of(settingLatencies),
                    DistributionSummary.Of(settingTokens),
                    latencyBuckets?.Count(settingLatencies) ?? [],
                    tokenBuckets?.Count(settingTokens) ?? [],
                    g.Count(r => latencies.ContainsKey(r) && !tokens.ContainsKey(r)),
                    g.Any(r => tokens.ContainsKey(r) && r.Attempts.Any(a => a.TokensEstimated)));
            })
            .ToList();
        return new BatchInsights(batchId, settings, latencyBuckets, tokenBuckets);
    }

    /// <summary>The aggregation behind <see cref="GetTemplateAsync"/> (pure).</summary>
    private static TemplateInsights Summarize(string template, List<TemplateRun> runs, bool truncated)
    {
        if (runs.Count == 0)
        {
            return TemplateInsights.Empty(template);
        }

        var oldest = runs.Min(r => r.CreatedAtUtc);
        var newest = runs.Max(r => r.CreatedAtUtc);
        var period = (newest.Date - oldest.Date).TotalDays > MaxDays ? InsightPeriod.Week : InsightPeriod.Day;
        var periods = runs.Select(r => PeriodOf(r.CreatedAtUtc, period)).Distinct().Order().ToList();
        var versions = runs
            .GroupBy(r => r.Version)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var byPeriod = g.ToLookup(r => PeriodOf(r.CreatedAtUtc, period));
                var points = periods.Select(p => Point(p, byPeriod[p].ToList())).ToList();
                var firstTry = g.Count(r => r.Status == RunStatus.Valid);
                var repaired = g.Count(r => r.Status == RunStatus.Repaired);
                var failed = g.Count(r => r.Status is RunStatus.Invalid or RunStatus.Failed);
                var priced = g.Where(Priced).ToList();
                return new VersionInsight(
                    g.Key, g.Count(), firstTry, repaired, failed, g.Count() - firstTry - repaired - failed,
                    Rate(firstTry + repaired, firstTry + repaired + failed),
                    priced.Count == 0 ? null : priced.Sum(r => r.Costs.Sum(c => c!.Value)) / priced.Count,
                    priced.Count,
                    g.Count(r => r.Costs.Count > 0 && r.Costs.Any(c => c is null)),
                    points);
            })
            .ToList();
        return new TemplateInsights(template, runs.Count, truncated, period, periods, versions);
    }

    private static VersionPeriodPoint Point(DateTime period, List<TemplateRun> runs)
    {
        var passed = runs.Count(r => RunOutcomes.Passes(r.Status));
        var finished = passed + runs.Count(r => r.Status is RunStatus.Invalid or RunStatus.Failed);
        var priced = runs.Where(Priced).ToList();
        return new VersionPeriodPoint(period, finished, Rate(passed, finished), priced.Count == 0 ? null : priced.Sum(r => r.Costs.Sum(c => c!.Value)) / priced.Count);
    }

    /// <summary>A run's cost is known when it made at least one request and every attempt had a price.</summary>
    private static bool Priced(TemplateRun run) => run.Costs.Count > 0 && run.Costs.All(c => c is not null);

    private static double? Rate(int passed, int finished) => finished == 0 ? null : (double)passed / finished;

    private static DateTime PeriodOf(DateTime utc, InsightPeriod period)
    {
        var day = DateTime.SpecifyKind(utc.Date, DateTimeKind.Utc);
        return period == InsightPeriod.Day ? day : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static string Label(string? provider, string? model, int index) =>
        string.IsNullOrEmpty(provider) && string.IsNullOrEmpty(model)
            ? string.Create(CultureInfo.InvariantCulture, $"Setting {index + 1}")
            : $"{provider ?? "default"} · {model ?? "default"}";

    private sealed record TemplateRun(int Version, DateTime CreatedAtUtc, RunStatus Status, List<decimal?> Costs);
}

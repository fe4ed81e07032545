using Workbench.Core.Persistence;
using Workbench.Core.History;
using Workbench.Core.Runs;

namespace Workbench.Core.Tests.History;

public class RunInsightsTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static readonly DateTime Day1 = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Template_NoRuns_Empty()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(template: "other");

        var insights = await bed.Insights.GetTemplateAsync("trip", Ct);

        Assert.True(insights.IsEmpty);
        Assert.Empty(insights.Versions);
        Assert.Empty(insights.Periods);
    }

    [Fact]
    public async Task Template_AttemptsPerVersion_CountsFirstTryRepairedFailedAndLeavesUnfinishedOut()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(version: 1, status: RunStatus.Valid);
        await bed.AddAsync(version: 1, status: RunStatus.Valid);
        await bed.AddAsync(version: 1, status: RunStatus.Repaired, attempts: 2);
        await bed.AddAsync(version: 1, status: RunStatus.Invalid, attempts: 3);
        await bed.AddAsync(version: 1, status: RunStatus.Cancelled);
        await bed.AddAsync(version: 2, status: RunStatus.Failed);

        var insights = await bed.Insights.GetTemplateAsync("trip", Ct);

        Assert.Equal([1, 2], insights.Versions.Select(v => v.Version));
        var v1 = insights.Versions[0];
        Assert.Equal((5, 2, 1, 1, 1), (v1.Runs, v1.FirstTry, v1.Repaired, v1.Failed, v1.Unfinished));
        Assert.Equal(0.75, v1.PassRate);
        Assert.Equal(0.0, insights.Versions[1].PassRate);
    }

    [Fact]
    public async Task Template_OnlyUnfinishedRuns_PassRateUnknownNotZero()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(status: RunStatus.Cancelled);

        var version = Assert.Single((await bed.Insights.GetTemplateAsync("trip", Ct)).Versions);

        Assert.Null(version.PassRate);
        Assert.Null(Assert.Single(version.Points).PassRate);
    }

    [Fact]
    public async Task Template_Costs_MeanOverPricedRunsSummingAttempts()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(attemptRows: [HistoryTestBed.Attempt(costUsd: 0.002m)]);
        await bed.AddAsync(status: RunStatus.Repaired, attemptRows: [HistoryTestBed.Attempt(1, 0.002m), HistoryTestBed.Attempt(2, 0.002m)]);

        var version = Assert.Single((await bed.Insights.GetTemplateAsync("trip", Ct)).Versions);

        Assert.Equal(0.003m, version.MeanCostUsd);
        Assert.Equal(2, version.PricedRuns);
        Assert.Equal(0, version.UnpricedRuns);
    }

    [Fact]
    public async Task Template_UnknownPrice_CostUnknownNotZero()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(attemptRows: [HistoryTestBed.Attempt(costUsd: null)]);
        await bed.AddAsync(attemptRows: [HistoryTestBed.Attempt(1, 0.001m), HistoryTestBed.Attempt(2, null)]);
        await bed.AddAsync(version: 2, attemptRows: [HistoryTestBed.Attempt(costUsd: null)]);
        await bed.AddAsync(version: 2, attemptRows: [HistoryTestBed.Attempt(costUsd: 0.004m)]);

        var insights = await bed.Insights.GetTemplateAsync("trip", Ct);

        var v1 = insights.Versions[0];
        Assert.Null(v1.MeanCostUsd);
        Assert.Equal(0, v1.PricedRuns);
        Assert.Equal(2, v1.UnpricedRuns);
        Assert.Null(Assert.Single(v1.Points).MeanCostUsd);
        Assert.Equal(0.004m, insights.Versions[1].MeanCostUsd);
        Assert.Equal(1, insights.Versions[1].UnpricedRuns);
    }

    [Fact]
    public async Task Template_RunsOnSeveralDays_OnePointPerDayAndVersionAlignedToPeriods()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(version: 1, status: RunStatus.Valid, createdAtUtc: Day1);
        await bed.AddAsync(version: 1, status: RunStatus.Invalid, createdAtUtc: Day1.AddHours(3));
        await bed.AddAsync(version: 2, status: RunStatus.Valid, createdAtUtc: Day1.AddDays(2));

        var insights = await bed.Insights.GetTemplateAsync("trip", Ct);

        Assert.Equal(InsightPeriod.Day, insights.Period);
        Assert.Equal([Day1.Date, Day1.Date.AddDays(2)], insights.Periods);
        Assert.Equal([0.5, null], insights.Versions[0].Points.Select(p => p.PassRate));
        Assert.Equal([null, 1.0], insights.Versions[1].Points.Select(p => p.PassRate));
        Assert.Equal([0, 1], insights.Versions[1].Points.Select(p => p.Finished));
    }

    [Fact]
    public async Task Template_RunsOverMonths_GroupedByWeekStartingMonday()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var wednesday = new DateTime(2026, 1, 7, 10, 0, 0, DateTimeKind.Utc);
        await bed.AddAsync(createdAtUtc: wednesday);
        await bed.AddAsync(createdAtUtc: wednesday.AddDays(1));
        await bed.AddAsync(createdAtUtc: wednesday.AddDays(100));

        var insights = await bed.Insights.GetTemplateAsync("trip", Ct);

        Assert.Equal(InsightPeriod.Week, insights.Period);
        Assert.Equal(2, insights.Periods.Count);
        Assert.Equal(new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), insights.Periods[0]);
        Assert.All(insights.Periods, p => Assert.Equal(DayOfWeek.Monday, p.DayOfWeek));
        Assert.Equal(2, insights.Versions[0].Points[0].Finished);
    }

    [Fact]
    public async Task Batch_NoRuns_Empty()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);

        var insights = await bed.Insights.GetBatchAsync(Guid.NewGuid(), Ct);

        Assert.True(insights.IsEmpty);
        Assert.Null(insights.LatencyBuckets);
        Assert.Null(insights.TokenBuckets);
    }

    [Fact]
    public async Task Batch_TwoSettings_SummariesAndBucketCountsPerSetting()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var batch = await bed.AddBatchAsync();
        foreach (var ms in new long[] { 100, 200, 300 })
        {
            await bed.AddAsync(batchId: batch, settingIndex: 0, model: "fast", attemptRows: [HistoryTestBed.Attempt(latencyMs: ms, inputTokens: 10, outputTokens: 5)]);
        }

        await bed.AddAsync(batchId: batch, settingIndex: 1, model: "slow", status: RunStatus.Repaired,
            attemptRows: [HistoryTestBed.Attempt(1, latencyMs: 900, inputTokens: 100, outputTokens: 50), HistoryTestBed.Attempt(2, latencyMs: 600, inputTokens: 120, outputTokens: 30)]);
        await bed.AddAsync(batchId: batch, settingIndex: 1, model: "slow", status: RunStatus.Cancelled);

        var insights = await bed.Insights.GetBatchAsync(batch, Ct);

        Assert.False(insights.IsEmpty);
        Assert.Equal(["simulated · fast", "simulated · slow"], insights.Settings.Select(s => s.Label));
        var fast = insights.Settings[0];
        Assert.Equal((3, 100.0, 200.0, 300.0), (fast.LatencyMs!.Count, fast.LatencyMs.Min, fast.LatencyMs.Median, fast.LatencyMs.Max));
        Assert.Equal(15.0, fast.Tokens!.Median);
        var slow = insights.Settings[1];
        Assert.Equal(1500.0, Assert.IsType<DistributionSummary>(slow.LatencyMs).Max);
        Assert.Equal(300.0, slow.Tokens!.Max);
        Assert.Equal(3, fast.LatencyCounts.Sum());
        Assert.Equal(1, slow.LatencyCounts.Sum());
        Assert.Equal(insights.LatencyBuckets!.BucketCount, fast.LatencyCounts.Count);
    }

    [Fact]
    public async Task Batch_UnknownTokens_LeftOutAndCounted()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var batch = await bed.AddBatchAsync();
        await bed.AddAsync(batchId: batch, settingIndex: 0, attemptRows: [HistoryTestBed.Attempt(inputTokens: null, outputTokens: null)]);
        await bed.AddAsync(batchId: batch, settingIndex: 0, attemptRows: [HistoryTestBed.Attempt(inputTokens: 10, outputTokens: 10, estimated: true)]);

        var setting = Assert.Single((await bed.Insights.GetBatchAsync(batch, Ct)).Settings);

        Assert.Equal(2, setting.LatencyMs!.Count);
        Assert.Equal(1, setting.Tokens!.Count);
        Assert.Equal(1, setting.RunsWithoutTokens);
        Assert.True(setting.TokensEstimated);
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;
using Workbench.Core.Retention;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.Retention;

public class RunRetentionTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RunRetention CreateRetention(TestDatabase database, int runDays = 90, TimeSpan? interval = null, IDatabaseMaintenance? maintenance = null) =>
        new(
            new RunStore(database.Factory, database.Time, maintenance),
            Options.Create(new WorkbenchOptions { Retention = new RetentionOptions { RunDays = runDays, PurgeInterval = interval ?? TimeSpan.FromHours(6) } }),
            database.Time,
            NullLogger<RunRetention>.Instance);

    [Fact]
    public async Task Purge_MixedRuns_DeletesOnlyFinishedRunsPastTheRetentionWithTheirAttempts()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var now = database.Time.GetUtcNow().UtcDateTime;
        var oldValid = await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now.AddDays(-120), now.AddDays(-100), attempts: 2, cancellationToken: Ct);
        var oldFailedNoFinish = await RetentionTestData.AddRunAsync(database, RunStatus.Failed, now.AddDays(-95), null, cancellationToken: Ct);
        var oldInterrupted = await RetentionTestData.AddRunAsync(database, RunStatus.Interrupted, now.AddDays(-200), now.AddDays(-91), cancellationToken: Ct);
        var recent = await RetentionTestData.AddRunAsync(database, RunStatus.Invalid, now.AddDays(-100), now.AddDays(-89), cancellationToken: Ct);
        var oldQueued = await RetentionTestData.AddRunAsync(database, RunStatus.Queued, now.AddDays(-300), null, attempts: 0, cancellationToken: Ct);
        var oldRunning = await RetentionTestData.AddRunAsync(database, RunStatus.Running, now.AddDays(-300), null, cancellationToken: Ct);
        var retention = CreateRetention(database);

        var purged = await retention.PurgeAsync(Ct);

        Assert.Equal(3, purged);
        var (runs, attempts) = await RetentionTestData.RemainingAsync(database, Ct);
        Assert.Equal(new[] { recent, oldQueued, oldRunning }.Order(), runs.Order());
        Assert.DoesNotContain(oldValid, runs);
        Assert.DoesNotContain(oldFailedNoFinish, runs);
        Assert.DoesNotContain(oldInterrupted, runs);
        Assert.Equal(2, attempts); // the attempts of the recent and the running run; the purged runs' went with them
        Assert.Equal(new RetentionStatus(now, 3, false), retention.Status);
    }

    [Fact]
    public async Task Purge_RunDaysZero_KeepsEverything()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var now = database.Time.GetUtcNow().UtcDateTime;
        await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now.AddYears(-10), now.AddYears(-10), cancellationToken: Ct);
        var retention = CreateRetention(database, runDays: 0);

        Assert.Equal(0, await retention.PurgeAsync(Ct));

        Assert.Single((await RetentionTestData.RemainingAsync(database, Ct)).Runs);
        Assert.Equal(RetentionStatus.None, retention.Status);
    }

    [Fact]
    public async Task Service_Started_PurgesAtStartUpThenOncePerInterval()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var interval = TimeSpan.FromHours(6);
        var retention = CreateRetention(database, runDays: 1, interval: interval);
        var purges = new PurgeWatcher(retention);
        using var service = new RunRetentionService(retention, database.Time, NullLogger<RunRetentionService>.Instance);
        var now = database.Time.GetUtcNow().UtcDateTime;
        await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now.AddDays(-3), now.AddDays(-2), cancellationToken: Ct);

        var startUp = purges.NextAsync();
        await service.StartAsync(Ct);
        Assert.Equal(1, (await startUp).LastPurgedRuns);

        // Becomes older than a day 2 hours from now: not purged until the next tick, 6 hours after start-up.
        var aging = await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now.AddHours(-22), now.AddHours(-22), cancellationToken: Ct);
        database.Time.Advance(interval - TimeSpan.FromSeconds(1));
        await Task.Yield();
        Assert.Equal(1, purges.Count);
        Assert.Contains(aging, (await RetentionTestData.RemainingAsync(database, Ct)).Runs);

        var next = purges.NextAsync();
        database.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await next;
        Assert.Equal(1, second.LastPurgedRuns);
        Assert.Equal(now + interval, second.LastPurgeUtc);
        Assert.Empty((await RetentionTestData.RemainingAsync(database, Ct)).Runs);
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task Service_PurgeThrows_LogsAndPurgesAgainAtTheNextInterval()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var interval = TimeSpan.FromMinutes(30);
        var failing = new FailingOnceMaintenance(database.CreateMaintenance());
        var retention = CreateRetention(database, runDays: 1, interval: interval, maintenance: failing);
        var purges = new PurgeWatcher(retention);
        var logger = new ListLogger<RunRetentionService>();
        using var service = new RunRetentionService(retention, database.Time, logger);
        var now = database.Time.GetUtcNow().UtcDateTime;
        await RetentionTestData.AddRunAsync(database, RunStatus.Valid, now.AddDays(-3), now.AddDays(-2), cancellationToken: Ct);

        var startUp = purges.NextAsync();
        await service.StartAsync(Ct);
        var first = await startUp;
        Assert.True(first.LastFailed);

        var next = purges.NextAsync();
        database.Time.Advance(interval);
        var second = await next;
        Assert.False(second.LastFailed);
        Assert.Equal(1, second.LastPurgedRuns);
        // Logged by the loop before it waited for the tick that ran the second purge.
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<IOException>(error.Exception);
        await service.StopAsync(Ct);
    }

    /// <summary>Completes when the retention publishes its next status (no waiting on the clock).</summary>
    private sealed class PurgeWatcher
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource<RetentionStatus> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public PurgeWatcher(RunRetention retention) => retention.StatusChanged += OnStatus;

        public int Count { get; private set; }

        /// <summary>The next status; a guard stops a broken schedule from hanging the test run.</summary>
        public Task<RetentionStatus> NextAsync()
        {
            lock (_lock)
            {
                return _next.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            }
        }

        private void OnStatus(RetentionStatus status)
        {
            TaskCompletionSource<RetentionStatus> completed;
            lock (_lock)
            {
                Count++;
                completed = _next;
                _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            completed.SetResult(status);
        }
    }

    private sealed class FailingOnceMaintenance(IDatabaseMaintenance inner) : IDatabaseMaintenance
    {
        private int _calls;

        public Task<IAsyncDisposable> BeginSecureDeleteAsync(WorkbenchDbContext db, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new IOException("disk I/O error") : inner.BeginSecureDeleteAsync(db, cancellationToken);

        public Task<DatabaseCompaction> CompactAsync(bool rebuild, CancellationToken cancellationToken = default) => inner.CompactAsync(rebuild, cancellationToken);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}

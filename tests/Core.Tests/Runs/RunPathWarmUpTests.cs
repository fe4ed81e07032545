using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Providers.Fakes;

namespace Workbench.Core.Tests.Runs;

public sealed class RunPathWarmUpTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "workbench-tests", "warm-up-" + Guid.NewGuid().ToString("N"));

    private readonly List<LoggerFactory> _loggers = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public RunPathWarmUpTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        _loggers.ForEach(f => f.Dispose());
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task WarmUp_RunsSingleRunsAndABatchThroughTheRealPipeline_AndDeletesItsDatabase()
    {
        var result = await RunPathWarmUp.WarmUpAsync(_root, cases: 5, Ct);

        // 3 single runs (valid, repaired after an invalid first attempt, one with an address to redact) + 5 batch cases.
        Assert.Equal(new WarmUpResult(Runs: 8, Valid: 8), result);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task Service_AfterTheAppStarted_WarmsUpAndLogsCountsOnly()
    {
        using var logs = new CapturingLoggerProvider();
        using var lifetime = new StartedLifetime();
        using var service = NewService(cases: 2, lifetime, logs);

        await service.StartAsync(Ct);
        Assert.Equal(WarmUpState.Pending, service.State); // waits for the web server
        lifetime.Start();
        var state = await service.Finished.WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.Equal(WarmUpState.Done, state);
        Assert.Equal(WarmUpState.Done, service.State);
        var line = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("5 simulated runs, 5 valid", line.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task Service_WithZeroCases_IsOffAndDoesNothing()
    {
        using var logs = new CapturingLoggerProvider();
        using var lifetime = new StartedLifetime();
        using var service = NewService(cases: 0, lifetime, logs);

        await service.StartAsync(Ct);
        lifetime.Start();

        Assert.Equal(WarmUpState.Off, await service.Finished.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Empty(logs.Entries);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task Service_StoppedBeforeTheAppStarted_IsOff()
    {
        using var logs = new CapturingLoggerProvider();
        using var lifetime = new StartedLifetime();
        using var service = NewService(cases: 2, lifetime, logs);

        await service.StartAsync(Ct);
        await service.StopAsync(Ct);

        Assert.Equal(WarmUpState.Off, await service.Finished.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task Service_WhenTheWarmUpFails_ReportsFailedAndLogsTheTypeOnly()
    {
        // The root is a file: the private directory cannot be created under it.
        var file = Path.Combine(_root, "not-a-directory");
        await File.WriteAllTextAsync(file, "x", Ct);
        using var logs = new CapturingLoggerProvider();
        using var lifetime = new StartedLifetime();
        using var service = NewService(cases: 2, lifetime, logs, root: file);

        await service.StartAsync(Ct);
        lifetime.Start();

        Assert.Equal(WarmUpState.Failed, await service.Finished.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        var line = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Matches(@"failed \(\w+Exception\)", line.Text);
        Assert.DoesNotContain(_root, line.Text, StringComparison.Ordinal); // no path
        await service.StopAsync(Ct);
    }

    private RunPathWarmUp NewService(int cases, StartedLifetime lifetime, CapturingLoggerProvider logs, string? root = null)
    {
        var options = Options.Create(new WorkbenchOptions { Runs = new RunsOptions { WarmUpCases = cases } });
        _loggers.Add(new LoggerFactory([logs]));
        return new RunPathWarmUp(options, _loggers[^1].CreateLogger<RunPathWarmUp>(), lifetime) { TemporaryRoot = root ?? _root };
    }

    /// <summary>An application lifetime whose "started" the test triggers.</summary>
    private sealed class StartedLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication()
        {
        }

        public void Dispose() => _started.Dispose();
    }
}

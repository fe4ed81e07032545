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

    private readonly CapturingLoggerProvider _logs = new();
    private readonly StartedLifetime _lifetime = new();
    private readonly LoggerFactory _loggerFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public RunPathWarmUpTests()
    {
        Directory.CreateDirectory(_root);
        _loggerFactory = new LoggerFactory([_logs]);
    }

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _logs.Dispose();
        _lifetime.Dispose();
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
        using var service = NewService(cases: 2);

        await service.StartAsync(Ct);
        Assert.Equal(WarmUpState.Pending, service.State); // waits for the web server
        var state = await AppStartedAsync(service);

        Assert.Equal(WarmUpState.Done, state);
        Assert.Equal(WarmUpState.Done, service.State);
        var line = Assert.Single(_logs.Entries);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("5 simulated runs, 5 valid", line.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task Service_WithZeroCases_IsOffAndDoesNothing()
    {
        using var service = NewService(cases: 0);

        await service.StartAsync(Ct);

        Assert.Equal(WarmUpState.Off, await AppStartedAsync(service));
        Assert.Empty(_logs.Entries);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task Service_StoppedBeforeTheAppStarted_IsOff()
    {
        using var service = NewService(cases: 2);

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
        using var service = NewService(cases: 2, root: file);

        await service.StartAsync(Ct);

        Assert.Equal(WarmUpState.Failed, await AppStartedAsync(service));
        var line = Assert.Single(_logs.Entries);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Matches(@"failed \(\w+Exception\)", line.Text);
        Assert.DoesNotContain(_root, line.Text, StringComparison.Ordinal); // no path
        await service.StopAsync(Ct);
    }

    private RunPathWarmUp NewService(int cases, string? root = null)
    {
        var options = Options.Create(new WorkbenchOptions { Runs = new RunsOptions { WarmUpCases = cases } });
        return new RunPathWarmUp(options, _loggerFactory.CreateLogger<RunPathWarmUp>(), _lifetime) { TemporaryRoot = root ?? _root };
    }

    /// <summary>Signals "the web server has started" and waits for the warm-up's final state.</summary>
    private async Task<WarmUpState> AppStartedAsync(RunPathWarmUp service)
    {
        _lifetime.Start();
        return await service.Finished.WaitAsync(TimeSpan.FromMinutes(2), Ct);
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

using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Core.Runs;

/// <summary>
/// After start-up, runs a small batch and a few single runs through a private, throwaway copy of the run pipeline
/// (ADR-027): its own Core services on a new SQLite file in a temporary directory, the Simulated provider at zero pace,
/// synthetic inputs only. The code it executes is the code a real run executes (template rendering, the OpenAI SDK with
/// its SSE parsing, the transport pipeline, extraction, validation, redaction, EF Core's writes and reads), so the JIT
/// compiles it here instead of during the user's first batch. Nothing reaches the app's database, logs, history or
/// progress notifications; the directory is deleted afterwards. A failure only costs the warm-up and is logged by type.
/// </summary>
/// <remarks>
/// Without a host (<paramref name="lifetime"/> null: a bare service provider, a component test), there is no web server
/// to wait for and the warm-up begins when the service is started.
/// </remarks>
public sealed partial class RunPathWarmUp(IOptions<WorkbenchOptions> options, ILogger<RunPathWarmUp> logger, IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"price":{"type":"number"},"notes":{"type":"array","items":{"type":"string"}}},"required":["city","price"],"additionalProperties":false}""";

    private const string WarmUpUser = "warm-up";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan JitSettleInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan JitSettleLimit = TimeSpan.FromSeconds(5);

    /// <summary>Fewer methods compiled than this in one <see cref="JitSettleInterval"/> counts as settled.</summary>
    private const int JitSettledBelow = 10;

    private readonly TaskCompletionSource<WarmUpState> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile WarmUpState _state = WarmUpState.Pending;

    /// <summary>Where the warm-up is (the health report shows it, so a benchmark or a load balancer can wait for it).</summary>
    public WarmUpState State => _state;

    /// <summary>Where the private database goes (a new directory in it, deleted afterwards); tests point it elsewhere.</summary>
    internal string TemporaryRoot { get; init; } = Path.GetTempPath();

    /// <summary>Completes with the final state (<see cref="WarmUpState.Done"/>, <see cref="WarmUpState.Off"/> or <see cref="WarmUpState.Failed"/>).</summary>
    public Task<WarmUpState> Finished => _finished.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cases = options.Value.Runs.WarmUpCases;
        if (cases == 0)
        {
            Finish(WarmUpState.Off);
            return;
        }

        // After the web server has started: the warm-up never delays the first page or the health endpoint.
        if (!await WaitForStartAsync(stoppingToken))
        {
            Finish(WarmUpState.Off);
            return;
        }

        _state = WarmUpState.Running;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await WarmUpAsync(TemporaryRoot, cases, stoppingToken);
            LogWarmedUp(logger, result.Runs, result.Valid, (long)stopwatch.Elapsed.TotalMilliseconds);
            Finish(WarmUpState.Done);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Finish(WarmUpState.Off);
        }
        catch (Exception ex)
        {
            // Only the type: the warm-up's inputs are synthetic, but an exception text may carry a path.
            LogWarmUpFailed(logger, ex.GetType().Name);
            Finish(WarmUpState.Failed);
        }
    }

    /// <summary>Stopping the app ends a warm-up that never started (the base class may not even run <see cref="ExecuteAsync"/>).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Finish(WarmUpState.Off);
    }

    /// <summary>Records the final state once; later calls (a stop after the end) change nothing.</summary>
    private void Finish(WarmUpState state)
    {
        lock (_finished)
        {
            if (_finished.Task.IsCompleted)
            {
                return;
            }

            _state = state;
            _finished.SetResult(state);
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        if (lifetime is null)
        {
            return !stoppingToken.IsCancellationRequested;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// The warm-up itself: a private pipeline in a new directory under <paramref name="root"/>, three single runs and a batch
    /// of <paramref name="cases"/> cases, then clean-up. Returns how many runs it stored in its private database and how
    /// many of them ended valid (or valid after a repair).
    /// </summary>
    internal static async Task<WarmUpResult> WarmUpAsync(string root, int cases, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(root, "workbench-warm-up-" + Guid.NewGuid().ToString("N"));
        string? connectionString = null;
        try
        {
            // Synthetic data only, but still nobody else's to read.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Workbench:DataDirectory"] = directory,
                ["Workbench:Providers:simulated:Type"] = ProviderKinds.Simulated,
                ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = "0",
            }).Build();
            var collection = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddSingleton<IHostEnvironment>(new WarmUpEnvironment(directory))
                .AddLogging(); // no logging provider: the warm-up writes nothing to the app's logs
            collection.AddWorkbenchCore(configuration);
            await using var services = collection.BuildServiceProvider();
            connectionString = services.GetRequiredService<DatabaseSettings>().ConnectionString;
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            var workers = new IHostedService[] { services.GetRequiredService<RunWorker>(), services.GetRequiredService<BatchRunner>() };
            foreach (var worker in workers)
            {
                await worker.StartAsync(cancellationToken);
            }

            try
            {
                var result = await RunAsync(services, cases, cancellationToken);
                await WaitForJitToSettleAsync(cancellationToken);
                return result;
            }
            finally
            {
                foreach (var worker in workers)
                {
                    await worker.StopAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            if (connectionString is not null)
            {
                using var connection = new SqliteConnection(connectionString);
                SqliteConnection.ClearPool(connection);
            }

            TryDelete(directory);
        }
    }

    private static async Task<WarmUpResult> RunAsync(IServiceProvider services, int cases, CancellationToken cancellationToken)
    {
        var schema = await services.GetRequiredService<SchemaService>().CreateAsync(new NewSchema("warm-up", null, Schema), WarmUpUser, cancellationToken);
        var content = new TemplateContent(
            [new TemplateMessage(MessageRole.System, "You quote trips as JSON."), new TemplateMessage(MessageRole.User, "Quote a trip to {{ city }}. Notes: {{ notes }}")],
            ModelSettings.Default,
            [new VariableDeclaration("city", null, true, null, "Oslo"), new VariableDeclaration("notes", null, false, "none", null)],
            new OutputSchemaLink(schema.Value!.Id, 1));
        await services.GetRequiredService<TemplateService>().CreateAsync(new NewTemplate("warm-up", null, [], content), WarmUpUser, cancellationToken);

        // Single runs: one valid, one repaired (invalid on attempt 1), one with an address to redact.
        var runs = services.GetRequiredService<RunService>();
        var store = services.GetRequiredService<RunStore>();
        var single = new List<Guid>();
        foreach (var (notes, fault) in new[] { ("window seat", (string?)null), ("aisle", "invalid-json@1"), ("write to someone@example.org", null) })
        {
            var request = new RunRequest("warm-up", new Dictionary<string, string?> { ["city"] = "Oslo", ["notes"] = notes })
            {
                Simulation = fault is null ? null : new SimulationSettings { Faults = [fault] },
            };
            single.Add((await runs.SubmitAsync(request, cancellationToken)).Value);
        }

        var valid = 0;
        foreach (var id in single)
        {
            RunRecord? run;
            while ((run = await store.GetAsync(id, cancellationToken))?.Status is RunStatus.Queued or RunStatus.Running)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }

            valid += run?.Status is RunStatus.Valid or RunStatus.Repaired ? 1 : 0;
        }

        // A batch, as the API and the batch page start it, polled the way they read its progress.
        var batches = services.GetRequiredService<BatchService>();
        var batch = await batches.StartAsync(
            new BatchRequest("warm-up")
            {
                Cases = [.. Enumerable.Range(0, cases).Select(i => new TestCase(new Dictionary<string, string?> { ["city"] = "City " + i }))],
                Concurrency = 4,
            },
            cancellationToken);
        BatchSummary? summary;
        while ((summary = await batches.GetAsync(batch.Value, cancellationToken))?.Status is BatchStatus.Queued or BatchStatus.Running)
        {
            await Task.Delay(PollInterval, cancellationToken);
        }

        return new WarmUpResult(single.Count + cases, valid + (summary?.Valid ?? 0) + (summary?.Repaired ?? 0));
    }

    /// <summary>
    /// Waits (at most <see cref="JitSettleLimit"/>) until the JIT has stopped compiling: methods called often during the
    /// warm-up are recompiled optimised in the background (tiered compilation) some time after their calls, and that
    /// work should be done before the app reports itself warm, not during the first real batch.
    /// </summary>
    private static async Task WaitForJitToSettleAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (waited.Elapsed < JitSettleLimit)
        {
            await Task.Delay(JitSettleInterval, cancellationToken);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now - compiled < JitSettledBelow)
            {
                return;
            }

            compiled = now;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temporary directory with synthetic data only; the operating system cleans it up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run path warmed up in {ElapsedMs} ms: {Runs} simulated runs, {Valid} valid (in a private database, deleted)")]
    private static partial void LogWarmedUp(ILogger logger, int runs, int valid, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run path warm-up failed ({ExceptionType}); the first runs will be slower, nothing else is affected")]
    private static partial void LogWarmUpFailed(ILogger logger, string exceptionType);

    private sealed class WarmUpEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Workbench.WarmUp";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

/// <summary>What a warm-up did: runs stored in its private database, and how many ended valid or repaired.</summary>
internal readonly record struct WarmUpResult(int Runs, int Valid);

/// <summary>Where <see cref="RunPathWarmUp"/> is.</summary>
public enum WarmUpState
{
    /// <summary>Waiting for the app to start.</summary>
    Pending,

    /// <summary>Running the private batch.</summary>
    Running,

    /// <summary>Finished.</summary>
    Done,

    /// <summary>Switched off (<c>Workbench:Runs:WarmUpCases</c> = 0) or stopped with the app.</summary>
    Off,

    /// <summary>Failed; the app works as without a warm-up.</summary>
    Failed,
}

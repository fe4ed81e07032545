using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workbench.Core;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Validation;

namespace Workbench.Benchmarks.Runs;

/// <summary>
/// The workbench's own cost per call (issue 6: render + extract + validate + store, p95 &lt; 1 ms), measured three ways:
/// the pure CPU part, the store (queued insert, then the result with its attempt, through the redaction interceptor
/// into the real SQLite file), and a whole run against the Simulated provider at zero pace, which adds the provider
/// (OpenAI SDK, SSE parsing, the simulated answer) as an upper bound.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class RunOverheadBenchmarks
{
    private const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"price":{"type":"number"},"notes":{"type":"array","items":{"type":"string"}}},"required":["city","price"],"additionalProperties":false}""";
    private const string Output = """Here you are: {"city":"Oslo","price":1234.5,"notes":["window seat","vegetarian meal"]}""";

    private Dictionary<string, string?> _values = null!;
    private string _directory = null!;
    private ServiceProvider _services = null!;
    private RunEngine _engine = null!;
    private RunStore _store = null!;
    private PromptTemplate _template = null!;
    private TemplateContent _content = null!;
    private SchemaCompileResult _compiled = null!;
    private RunResult _result = null!;
    private RunRequest _request = null!;

    /// <summary>Whether the notes carry an email and a phone number (redaction then does real work).</summary>
    [Params(false, true)]
    public bool WithPii { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _values = new()
        {
            ["city"] = "Oslo",
            ["notes"] = WithPii ? "Contact me at someone@example.org or +47 22 33 44 55." : "Window seat, vegetarian meal, arriving late.",
        };
        _directory = Path.Combine(Path.GetTempPath(), "wb-bench-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workbench:DataDirectory"] = _directory,
            ["Workbench:Providers:simulated:Type"] = "simulated",
            ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = "0",
        }).Build();
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new BenchmarkEnvironment(_directory));
        collection.AddWorkbenchCore(configuration);
        _services = collection.BuildServiceProvider();
        var services = _services;
        services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _engine = services.GetRequiredService<RunEngine>();
        _store = services.GetRequiredService<RunStore>();

        var schema = services.GetRequiredService<SchemaService>().CreateAsync(new NewSchema("trip", null, Schema), "bench").GetAwaiter().GetResult().Value!;
        _content = new TemplateContent(
            [new TemplateMessage(MessageRole.System, "You quote trips as JSON."), new TemplateMessage(MessageRole.User, "Quote a trip to {{ city }}. Notes: {{ notes }}")],
            ModelSettings.Default,
            [new VariableDeclaration("city", null, true, null, "Oslo"), new VariableDeclaration("notes", null, false, "none", null)],
            new OutputSchemaLink(schema.Id, 1));
        services.GetRequiredService<TemplateService>().CreateAsync(new NewTemplate("trip", null, [], _content), "bench").GetAwaiter().GetResult();
        _template = PromptTemplate.Parse(_content.Messages[1].Text).Template!;
        _compiled = SchemaCompiler.Compile(Schema);
        _request = new RunRequest("trip", _values);
        _result = _engine.ExecuteAsync(_request, null, CancellationToken.None).GetAwaiter().GetResult();
        if (_result.Status != RunStatus.Valid)
        {
            throw new InvalidOperationException("The benchmark run is not valid: " + _result.Status);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Render the user message and extract + validate a typical answer: our CPU work per attempt.</summary>
    [Benchmark]
    public bool RenderExtractValidate()
    {
        var rendered = _template.Render(_values, _content.Variables);
        return rendered.Success && OutputValidator.Validate(_compiled, Output).IsValid;
    }

    /// <summary>Insert the queued run, then store its result and attempt (redacted on the way in).</summary>
    [Benchmark]
    public async Task Store()
    {
        var id = await _store.AddQueuedAsync(_request);
        await _store.MarkRunningAsync(id);
        await _store.SaveResultAsync(id, _result);
    }

    /// <summary>A whole run against the Simulated provider at zero pace, stored: our overhead plus the provider's.</summary>
    [Benchmark]
    public async Task<RunStatus> ExecuteAndStoreWithSimulatedProvider()
    {
        var id = await _store.AddQueuedAsync(_request);
        await _store.MarkRunningAsync(id);
        var result = await _engine.ExecuteAsync(_request, null, CancellationToken.None);
        await _store.SaveResultAsync(id, result);
        return result.Status;
    }

    /// <summary>
    /// A measured loop beside BenchmarkDotNet (whose short runs give poor percentiles): each step of the store timed on its
    /// own, <paramref name="iterations"/> times after a warm-up. <c>dotnet run -c Release --project tests/Benchmarks --
    /// run-overhead [iterations]</c>.
    /// </summary>
    public static async Task MeasureStepsAsync(int iterations)
    {
        var bench = new RunOverheadBenchmarks { WithPii = true };
        bench.Setup();
        try
        {
            var steps = new Dictionary<string, List<double>>
            {
                ["render + extract + validate"] = [],
                ["queued insert"] = [],
                ["mark running"] = [],
                ["result + attempt"] = [],
                ["all of the above"] = [],
            };

            // Warm up to the steady state, as BenchmarkDotNet would and as the app does before its first run (ADR-027):
            // at least 200 runs, then on until the JIT has (nearly) stopped compiling, because its background tier-up
            // takes one of the two cores from the loop and would be measured as our overhead.
            var (warmUpRuns, warmUpTime) = await WarmUpAsync(bench);
            var jitAtStart = System.Runtime.JitInfo.GetCompiledMethodCount();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {warmUpRuns} runs in {warmUpTime.TotalSeconds:0.0} s (until fewer than {SettledMethods} methods were compiled in each of 4 windows of {SettleWindow.TotalMilliseconds:0} ms)"));
            for (var i = 0; i < iterations; i++)
            {
                var t = await TimeOneRunAsync(bench);
                steps["render + extract + validate"].Add(Stopwatch.GetElapsedTime(t[0], t[1]).TotalMicroseconds);
                steps["queued insert"].Add(Stopwatch.GetElapsedTime(t[1], t[2]).TotalMicroseconds);
                steps["mark running"].Add(Stopwatch.GetElapsedTime(t[2], t[3]).TotalMicroseconds);
                steps["result + attempt"].Add(Stopwatch.GetElapsedTime(t[3], t[4]).TotalMicroseconds);
                steps["all of the above"].Add(Stopwatch.GetElapsedTime(t[0], t[4]).TotalMicroseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"methods compiled during the measured loop: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitAtStart}"));
            foreach (var (name, values) in steps)
            {
                values.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} p50 {values[values.Count / 2],8:0} µs   p95 {values[(int)(values.Count * 0.95)],8:0} µs"));
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }

    /// <summary>Fewer methods than this compiled within <see cref="SettleWindow"/> counts as settled (the app's warm-up uses the same rule).</summary>
    private const int SettledMethods = 10;

    private static readonly TimeSpan SettleWindow = TimeSpan.FromMilliseconds(250);

    private static async Task<(int Runs, TimeSpan Elapsed)> WarmUpAsync(RunOverheadBenchmarks bench)
    {
        var started = Stopwatch.GetTimestamp();
        var runs = 0;
        var windowStart = Stopwatch.GetTimestamp();
        var compiledAtWindowStart = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quietWindows = 0;
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            await TimeOneRunAsync(bench);
            runs++;
            if (Stopwatch.GetElapsedTime(windowStart) < SettleWindow)
            {
                continue;
            }

            // Several quiet windows in a row: the runtime waits for a pause in new compilations before it promotes the
            // hot methods, so one quiet window can come just before a burst of tier-1 compilations.
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            quietWindows = compiled - compiledAtWindowStart < SettledMethods ? quietWindows + 1 : 0;
            if (runs >= 200 && quietWindows >= 4)
            {
                break;
            }

            windowStart = Stopwatch.GetTimestamp();
            compiledAtWindowStart = compiled;
        }

        return (runs, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>One run's steps; the timestamps before, between and after them.</summary>
    private static async Task<long[]> TimeOneRunAsync(RunOverheadBenchmarks bench)
    {
        var t = new long[5];
        t[0] = Stopwatch.GetTimestamp();
        bench.RenderExtractValidate();
        t[1] = Stopwatch.GetTimestamp();
        var id = await bench._store.AddQueuedAsync(bench._request);
        t[2] = Stopwatch.GetTimestamp();
        await bench._store.MarkRunningAsync(id);
        t[3] = Stopwatch.GetTimestamp();
        await bench._store.SaveResultAsync(id, bench._result);
        t[4] = Stopwatch.GetTimestamp();
        return t;
    }

    private sealed class BenchmarkEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Workbench.Benchmarks";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P95);
    }
}

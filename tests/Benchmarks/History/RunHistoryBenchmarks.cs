using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workbench.Core;
using Workbench.Core.History;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;

namespace Workbench.Benchmarks.History;

/// <summary>
/// The run history at scale (issue 8: with 100,000 runs, the first page with a filter in under 50 ms p95, server
/// side): each benchmark is one <see cref="RunHistory.QueryAsync"/> call, i.e. the page of 25 rows plus the total count,
/// through EF Core into the real SQLite file seeded by <see cref="RunHistorySeeder"/>; <see cref="RunHistoryPostgreSqlBenchmarks"/>
/// runs the same queries on PostgreSQL. Pages of 50 (the figure).
/// <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*RunHistory*'</c>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class RunHistoryBenchmarks
{
    private string _directory = null!;
    private ServiceProvider _services = null!;
    private RunHistory _history = null!;

    [Params(100_000)]
    public int Runs { get; set; }

    [Params(50)]
    public int PageSize { get; set; }

    /// <summary>The data directory holding the seeded SQLite file.</summary>
    protected string Directory => _directory;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "wb-history-bench-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Workbench:DataDirectory"] = _directory };
        using (var sqlite = Build(settings))
        {
            sqlite.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
            RunHistorySeeder.Seed(DatabasePaths.ConnectionString(sqlite.GetRequiredService<DataDirectory>().Path), Runs);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        MoveDatabase(settings);
        _services = Build(settings);
        _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _history = _services.GetRequiredService<RunHistory>();
    }

    [GlobalCleanup]
    public virtual void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Where the queries run: the seeded SQLite file here; a subclass moves it elsewhere and changes <paramref name="settings"/>.</summary>
    protected virtual void MoveDatabase(Dictionary<string, string?> settings)
    {
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new BenchmarkEnvironment(_directory));
        collection.AddWorkbenchCore(configuration);
        return collection.BuildServiceProvider();
    }

    /// <summary>No filter, newest first.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> FirstPage_NoFilter() => QueryAsync(new RunHistoryQuery());

    /// <summary>The case: template + status, newest first.</summary>
    [Benchmark]
    public Task<int> FirstPage_TemplateAndStatus() => QueryAsync(new RunHistoryQuery { Template = "template-07", Statuses = [RunStatus.Valid] });

    /// <summary>Provider + model + two statuses + a date range.</summary>
    [Benchmark]
    public Task<int> FirstPage_ModelStatusesDates() => QueryAsync(new RunHistoryQuery
    {
        Provider = "openai",
        Model = "gpt-4o",
        Statuses = [RunStatus.Invalid, RunStatus.Failed],
        FromUtc = RunHistorySeeder.Start.AddDays(3),
        ToUtc = RunHistorySeeder.Start.AddDays(20),
    });

    /// <summary>Full text, a word in about one run in six, newest first.</summary>
    [Benchmark]
    public Task<int> FullText_CommonWord() => QueryAsync(new RunHistoryQuery { Text = "refund" });

    /// <summary>Full text, a rare word, with a template filter.</summary>
    [Benchmark]
    public Task<int> FullText_RareWordAndTemplate() => QueryAsync(new RunHistoryQuery { Text = "zanzibar", Template = "template-00" });

    /// <summary>Sorted by template (a non-date column), page 40.</summary>
    [Benchmark]
    public Task<int> Page40_SortedByTemplate() => QueryAsync(new RunHistoryQuery { Sort = RunHistorySort.Template, Descending = false, Page = 40 });

    private async Task<int> QueryAsync(RunHistoryQuery query)
    {
        var result = await _history.QueryAsync(query with { PageSize = PageSize });
        return result.Succeeded ? result.Value!.Total : throw new InvalidOperationException(string.Join("; ", result.Problems));
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P95);
    }

    private sealed class BenchmarkEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Workbench.Benchmarks";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}

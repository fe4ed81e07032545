using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Tests.Persistence;
using Workbench.Core.Tests.Providers.Fakes;

namespace Workbench.Core.Tests.Runs;

/// <summary>A migrated database with a schema-bound template "trip-quote" and the simulated provider at zero pace.</summary>
public sealed class RunTestBed : IAsyncDisposable
{
    public const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"price":{"type":"number"}},"required":["city","price"],"additionalProperties":false}""";

    public const string TemplateName = "trip-quote";

    private RunTestBed(TestDatabase database, ProviderTestHost host, WorkbenchOptions options)
    {
        Database = database;
        Host = host;
        Options = Microsoft.Extensions.Options.Options.Create(options);
        Engine = new RunEngine(database.Factory, database.CreateSchemaService(), host.Catalog, TimeProvider.System, Options, NullLogger<RunEngine>.Instance);
        Store = new RunStore(database.Factory, TimeProvider.System);
        Notifier = new RunNotifier();
        Queue = new RunQueue(Options);
        Executor = new RunExecutor(Engine, Store, Notifier, TimeProvider.System, NullLogger<RunExecutor>.Instance);
        BatchStore = new Workbench.Core.Batches.BatchStore(database.Factory, TimeProvider.System);
        BatchNotifier = new Workbench.Core.Batches.BatchNotifier();
        BatchRunner = new Workbench.Core.Batches.BatchRunner(BatchStore, Executor, BatchNotifier, Options, TimeProvider.System, NullLogger<Workbench.Core.Batches.BatchRunner>.Instance);
        WorkQueue = new Workbench.Core.Work.InProcessWorkDispatcher(Store, Queue, Executor, BatchStore, BatchRunner);
        Service = new RunService(Engine, WorkQueue);
    }

    public Microsoft.Extensions.Options.IOptions<WorkbenchOptions> Options { get; }

    public RunStore Store { get; }

    public RunNotifier Notifier { get; }

    public RunQueue Queue { get; }

    public RunExecutor Executor { get; }

    public RunService Service { get; }

    /// <summary>The single-node (SQLite) queue over this bed's channel and batch runner (ADR-022).</summary>
    public Workbench.Core.Work.InProcessWorkDispatcher WorkQueue { get; }

    public Workbench.Core.Batches.BatchStore BatchStore { get; }

    public Workbench.Core.Batches.BatchNotifier BatchNotifier { get; }

    /// <summary>The batch runner the in-process queue hands batches to (not started: call StartAsync/StopAsync).</summary>
    public Workbench.Core.Batches.BatchRunner BatchRunner { get; }

    /// <summary>A worker over this bed's queue (not started: call StartAsync/StopAsync).</summary>
    public RunWorker CreateWorker() => new(Queue, Executor, Store, Options, NullLogger<RunWorker>.Instance);

    public TestDatabase Database { get; }

    public ProviderTestHost Host { get; }

    public RunEngine Engine { get; }

    public static async Task<RunTestBed> CreateAsync(int chunkDelayMilliseconds = 0, int maxRetries = 3, int slowFirstTokenMilliseconds = 3000, WorkbenchOptions? options = null, IReadOnlyDictionary<string, string?>? configuration = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>(configuration ?? new Dictionary<string, string?>())
        {
            ["Workbench:Providers:simulated:Type"] = "simulated",
            ["Workbench:Providers:simulated:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture),
            ["Workbench:Providers:simulated:RetryBaseDelayMilliseconds"] = "5",
            ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = chunkDelayMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["Workbench:Providers:simulated:Simulation:RetryAfterMilliseconds"] = "25",
            ["Workbench:Providers:simulated:Simulation:SlowFirstTokenMilliseconds"] = slowFirstTokenMilliseconds.ToString(CultureInfo.InvariantCulture),
        };
        var host = ProviderTestHost.Create(settings);
        var bed = new RunTestBed(database, host, options ?? new WorkbenchOptions());
        var schema = await database.CreateSchemaService().CreateAsync(new NewSchema("quote", null, Schema), "tester");
        Assert.True(schema.Succeeded, string.Join("; ", schema.Problems));
        var content = new TemplateContent(
            [new TemplateMessage(MessageRole.System, "You quote trips."), new TemplateMessage(MessageRole.User, "Quote a trip to {{ city }}. Notes: {{ notes }}")],
            ModelSettings.Default,
            [new VariableDeclaration("city", null, true, null, "Oslo"), new VariableDeclaration("notes", null, false, "none", null)],
            new OutputSchemaLink(schema.Value!.Id, 1));
        var template = await database.CreateTemplateService().CreateAsync(new NewTemplate(TemplateName, null, [], content), "tester");
        Assert.True(template.Succeeded, string.Join("; ", template.Problems));
        return bed;
    }

    public static RunRequest Request(params string[] faults) => new(TemplateName, new Dictionary<string, string?> { ["city"] = "Oslo" })
    {
        Simulation = new SimulationSettings { Faults = faults, Seed = 7 },
    };

    public async ValueTask DisposeAsync()
    {
        BatchRunner.Dispose();
        Host.Dispose();
        await Database.DisposeAsync();
    }

    internal IServiceProvider Services => Host.Services;

    internal T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();
}

using Microsoft.Extensions.Logging.Abstractions;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.Tests.Runs;

namespace Workbench.Core.Tests.Batches;

/// <summary>The run test bed ("trip-quote", simulated provider) plus the batch services over the same database.</summary>
public sealed class BatchTestBed : IAsyncDisposable
{
    private BatchTestBed(RunTestBed runs)
    {
        Runs = runs;
        Store = runs.BatchStore;
        Notifier = runs.BatchNotifier;
        TestCases = new TestCaseService(runs.Database.Factory, TimeProvider.System);
        Runner = runs.BatchRunner;
        Service = new BatchService(runs.Engine, Store, runs.WorkQueue, TestCases, runs.Options, TimeProvider.System);
    }

    public RunTestBed Runs { get; }

    public BatchStore Store { get; }

    public BatchNotifier Notifier { get; }

    public TestCaseService TestCases { get; }

    public BatchRunner Runner { get; }

    public BatchService Service { get; }

    public static async Task<BatchTestBed> CreateAsync(int chunkDelayMilliseconds = 0, WorkbenchOptions? options = null) =>
        new(await RunTestBed.CreateAsync(chunkDelayMilliseconds, options: options));

    /// <summary>A second runner over the same database and executor, as a restarted app would have.</summary>
    public BatchRunner CreateRunner() => new(Store, Runs.Executor, Notifier, Runs.Options, TimeProvider.System, NullLogger<BatchRunner>.Instance);

    public static TestCase Case(string city, TestCaseExpectation? expect = null, params string[] faults) =>
        new(new Dictionary<string, string?> { ["city"] = city }, expect) { Faults = faults.Length == 0 ? null : faults };

    public static BatchRequest Request(int cases, params string[] faults) => new(RunTestBed.TemplateName)
    {
        Cases = [.. Enumerable.Range(0, cases).Select(i => Case("City" + i))],
        Simulation = new Workbench.Core.Providers.SimulationSettings { Faults = faults, Seed = 7 },
    };

    /// <summary>Waits (without a fixed sleep budget per step) until the batch reaches a final status.</summary>
    public async Task<BatchSummary> WaitForFinalAsync(Guid id, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var summary = await Store.GetAsync(id, timeout.Token);
            if (summary is { Status: not (BatchStatus.Queued or BatchStatus.Running) })
            {
                return summary;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    public async Task<BatchSummary> WaitUntilAsync(Guid id, Func<BatchSummary, bool> condition, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var summary = await Store.GetAsync(id, timeout.Token);
            if (summary is not null && condition(summary))
            {
                return summary;
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync() => await Runs.DisposeAsync();
}

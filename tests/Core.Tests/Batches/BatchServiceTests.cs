using Microsoft.EntityFrameworkCore;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Runs;

namespace Workbench.Core.Tests.Batches;

public class BatchServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_CasesOnTwoSettings_CompletesWithCountsMatrixAndPassRates()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        await bed.Runner.StartAsync(Ct);
        var request = new BatchRequest(RunTestBed.TemplateName)
        {
            Cases =
            [
                BatchTestBed.Case("Oslo", TestCaseExpectation.ContainsText("\"city\"")),
                BatchTestBed.Case("Rome", TestCaseExpectation.ContainsText("no such text")),
                BatchTestBed.Case("Paris"),
            ],
            Settings = [new BatchSetting("simulated", "simulated-json"), new BatchSetting("simulated", "simulated-other")],
            Concurrency = 2,
        };

        var started = await bed.Service.StartAsync(request, Ct);

        Assert.True(started.Succeeded, string.Join("; ", started.Problems));
        var summary = await bed.WaitForFinalAsync(started.Value, Ct);
        Assert.Equal(BatchStatus.Completed, summary.Status);
        Assert.Equal(3, summary.CaseCount);
        Assert.Equal(6, summary.Total);
        Assert.Equal(6, summary.Completed);
        Assert.Equal(6, summary.Valid);
        Assert.Equal(6, summary.Evaluated);
        Assert.Equal(4, summary.Passed);
        Assert.NotNull(summary.StartedAtUtc);
        Assert.NotNull(summary.FinishedAtUtc);
        Assert.All(summary.Settings, s => Assert.Equal(2.0 / 3, s.PassRate!.Value, 6));
        Assert.Equal("simulated-other", summary.Settings[1].Model);

        var matrix = await bed.Service.GetMatrixAsync(started.Value, Ct);
        Assert.NotNull(matrix);
        Assert.Equal(6, matrix.Cells.Count);
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)], matrix.Cells.Select(c => (c.CaseIndex, c.SettingIndex)));
        var failed = matrix.Cells.Single(c => c is { CaseIndex: 1, SettingIndex: 0 });
        Assert.False(failed.Passed);
        Assert.Equal("The output does not contain \"no such text\".", failed.ExpectationReason);
        Assert.All(matrix.Cells, c => Assert.Equal(1, c.Attempts));
        Assert.All(matrix.Cells.Where(c => c.SettingIndex == 0), c => Assert.Equal(0m, c.CostUsd)); // simulated-json is free
        Assert.All(matrix.Cells.Where(c => c.SettingIndex == 1), c => Assert.Null(c.CostUsd)); // no price listed: unknown, not zero
        Assert.All(matrix.Cells, c => Assert.NotNull(c.LatencyMs));
        var stored = await bed.Runs.Store.GetAsync(matrix.Cells[3].RunId, Ct);
        Assert.Equal("simulated-other", stored!.Model);
        await bed.Runner.StopAsync(Ct);
    }

    [Fact]
    public async Task Start_FaultsPerCase_CountsEachOutcome()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        await bed.Runner.StartAsync(Ct);
        var request = new BatchRequest(RunTestBed.TemplateName)
        {
            Cases =
            [
                BatchTestBed.Case("A"),
                BatchTestBed.Case("B", null, "invalid-json@1"),
                BatchTestBed.Case("C", null, "missing-required"),
                BatchTestBed.Case("D", null, "http-500"),
                BatchTestBed.Case("E", null, "http-429@1"),
                BatchTestBed.Case("F"),
            ],
            MaxAttempts = 2,
        };

        var started = await bed.Service.StartAsync(request, Ct);

        Assert.True(started.Succeeded, string.Join("; ", started.Problems));
        var summary = await bed.WaitForFinalAsync(started.Value, Ct);
        Assert.Equal(BatchStatus.Completed, summary.Status);
        // http-500 and http-429 hit the first HTTP try only: the transport retries them within the attempt.
        Assert.Equal((4, 1, 1, 0, 0), (summary.Valid, summary.Repaired, summary.Invalid, summary.Failed, summary.Cancelled));
        Assert.Equal(6, summary.Completed);
        Assert.Equal(5, summary.Passed);
        var matrix = await bed.Service.GetMatrixAsync(started.Value, Ct);
        Assert.Equal([1, 2, 2, 1, 1, 1], matrix!.Cells.Select(c => c.Attempts));
        Assert.Equal([RunStatus.Valid, RunStatus.Repaired, RunStatus.Invalid, RunStatus.Valid, RunStatus.Valid, RunStatus.Valid], matrix.Cells.Select(c => c.Status));
        Assert.Equal([true, true, false, true, true, true], matrix.Cells.Select(c => c.Passed));
        var transport = await bed.Runs.Store.GetAsync(matrix.Cells[3].RunId, Ct);
        Assert.Equal(500, Assert.Single(Assert.Single(transport!.Attempts).TransportRetries).HttpStatus);
        await bed.Runner.StopAsync(Ct);
    }

    [Fact]
    public async Task Start_ProgressEvents_CountUpToTheFinalReport()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        await bed.Runner.StartAsync(Ct);
        var reports = new List<BatchProgress>();
        var final = new TaskCompletionSource<BatchProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var all = bed.Notifier.SubscribeToAll(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }

            if (p.IsFinal)
            {
                final.TrySetResult(p);
            }
        });

        var started = await bed.Service.StartAsync(BatchTestBed.Request(8), Ct);
        var last = await final.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(started.Value, last.BatchId);
        Assert.Equal(BatchStatus.Completed, last.Status);
        Assert.Equal((8, 8, 8), (last.Total, last.Completed, last.Valid));
        Assert.Equal(TimeSpan.Zero, last.EstimatedRemaining);
        lock (reports)
        {
            var completed = reports.Select(r => r.Completed).ToList();
            Assert.Equal(completed.Order(), completed);
            Assert.Contains(reports, r => r is { IsFinal: false, Completed: > 0 } && r.EstimatedRemaining is not null);
        }

        await bed.Runner.StopAsync(Ct);
    }

    [Fact]
    public async Task Start_ConcurrencyThree_NeverRunsMoreThanThreeAtOnce()
    {
        await using var bed = await BatchTestBed.CreateAsync(chunkDelayMilliseconds: 2);
        await bed.Runner.StartAsync(Ct);
        var running = 0;
        var peak = 0;
        using var watch = bed.Runs.Notifier.SubscribeToStatusChanges(change =>
        {
            var now = change.Status == RunStatus.Running ? Interlocked.Increment(ref running) : Interlocked.Decrement(ref running);
            InterlockedMax(ref peak, now);
        });

        var started = await bed.Service.StartAsync(BatchTestBed.Request(12) with { Concurrency = 3 }, Ct);
        var summary = await bed.WaitForFinalAsync(started.Value, Ct);

        Assert.Equal(12, summary.Valid);
        Assert.InRange(Volatile.Read(ref peak), 1, 3);
        await bed.Runner.StopAsync(Ct);
    }

    [Fact]
    public async Task Cancel_MidWay_QueuedRunsCancelledAtOnceAndRunningOnesStoredCancelled()
    {
        await using var bed = await BatchTestBed.CreateAsync(chunkDelayMilliseconds: 30);
        await bed.Runner.StartAsync(Ct);
        var started = await bed.Service.StartAsync(BatchTestBed.Request(20) with { Concurrency = 2 }, Ct);
        await bed.WaitUntilAsync(started.Value, s => s.Completed >= 2 && s.Running > 0, Ct);

        Assert.True(await bed.Service.CancelAsync(started.Value, Ct));
        var right = await bed.Store.GetAsync(started.Value, Ct);
        Assert.Equal(0, right!.Queued); // queued runs are cancelled at once, not when the runner gets to them

        var summary = await bed.WaitForFinalAsync(started.Value, Ct);
        Assert.Equal(BatchStatus.Cancelled, summary.Status);
        Assert.Equal(20, summary.Completed);
        Assert.Equal(20, summary.Valid + summary.Cancelled);
        Assert.InRange(summary.Cancelled, 15, 18);
        var matrix = await bed.Service.GetMatrixAsync(started.Value, Ct);
        var cancelled = matrix!.Cells.Where(c => c.Status == RunStatus.Cancelled).ToList();
        Assert.Contains(cancelled, c => c.Attempts == 1); // was executing: stored cancelled with its attempt
        Assert.Contains(cancelled, c => c is { Attempts: 0, StatusReason: "The batch was cancelled before this run started." });
        Assert.False(await bed.Service.CancelAsync(started.Value, Ct)); // already final
        await bed.Runner.StopAsync(Ct);
    }

    [Fact]
    public async Task Start_TestSet_RunsTheStoredCases()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        await bed.Runner.StartAsync(Ct);
        var template = await bed.TestCases.FindTemplateAsync("TRIP-QUOTE", Ct);
        Assert.NotNull(template);
        var saved = await bed.TestCases.ReplaceSetAsync(template.Id, "smoke", [BatchTestBed.Case("Oslo"), BatchTestBed.Case("Rome", TestCaseExpectation.EqualsJson("{\"city\":\"Nowhere\",\"price\":0}"))], Ct);
        Assert.True(saved.Succeeded);

        var started = await bed.Service.StartAsync(new BatchRequest(RunTestBed.TemplateName) { TestSet = "smoke" }, Ct);

        Assert.True(started.Succeeded, string.Join("; ", started.Problems));
        var summary = await bed.WaitForFinalAsync(started.Value, Ct);
        Assert.Equal((2, 2, 1), (summary.Total, summary.Valid, summary.Passed));
        Assert.Equal("smoke", summary.TestSet);
        var matrix = await bed.Service.GetMatrixAsync(started.Value, Ct);
        Assert.StartsWith("/city: expected \"Nowhere\", got", matrix!.Cells[1].ExpectationReason, StringComparison.Ordinal);
        await bed.Runner.StopAsync(Ct);
    }

    public static TheoryData<BatchRequest, string, string> BadRequests() => new()
    {
        { new BatchRequest("missing") { Cases = [BatchTestBed.Case("Oslo")] }, "template", "There is no template named 'missing'." },
        { new BatchRequest(RunTestBed.TemplateName), "cases", "Give the cases to run (cases: [{\"variables\": {...}}]) or the name of a stored test set (testSet)." },
        { new BatchRequest(RunTestBed.TemplateName) { Cases = [] }, "cases", "cases is empty: a batch needs at least one case." },
        { new BatchRequest(RunTestBed.TemplateName) { Cases = [BatchTestBed.Case("Oslo")], TestSet = "x" }, "testSet", "Give cases or testSet, not both." },
        { new BatchRequest(RunTestBed.TemplateName) { TestSet = "nope" }, "testSet", "Template 'trip-quote' has no test set 'nope' with cases (sets: none)." },
        { BatchTestBed.Request(1) with { Concurrency = 0 }, "concurrency", "concurrency must be between 1 and 32." },
        { BatchTestBed.Request(1) with { Concurrency = 33 }, "concurrency", "concurrency must be between 1 and 32." },
        { BatchTestBed.Request(1) with { MaxAttempts = 11 }, "maxAttempts", "maxAttempts must be between 1 and 10." },
        { BatchTestBed.Request(1) with { Settings = [] }, "settings", "settings must have between 1 and 10 provider/model pairs." },
        { BatchTestBed.Request(1) with { Settings = [new("simulated", null)], Provider = "simulated" }, "settings", "Give settings (a list of provider/model pairs) or provider/model, not both." },
        { BatchTestBed.Request(3) with { Cases = [BatchTestBed.Case("Oslo"), BatchTestBed.Case("Rome"), new TestCase(new Dictionary<string, string?> { ["notes"] = "x" })] }, "cases[2].variables", "The required variable 'city' has no value." },
        { BatchTestBed.Request(1) with { Cases = [BatchTestBed.Case("Oslo", TestCaseExpectation.EqualsJson("{oops"))] }, "cases[0].expect", "An equals-json expectation needs a valid JSON value." },
        { BatchTestBed.Request(1) with { Cases = [BatchTestBed.Case("Oslo", null, "http-999")] }, "cases[0].faults", "" },
        { BatchTestBed.Request(1, "nonsense"), "simulation.faults", "" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Start_BadRequest_StoresNothingAndNamesTheField(BatchRequest request, string field, string message)
    {
        await using var bed = await BatchTestBed.CreateAsync();

        var started = await bed.Service.StartAsync(request, Ct);

        Assert.False(started.Succeeded);
        var problem = Assert.Single(started.Problems, p => p.Field == field);
        if (message.Length > 0)
        {
            Assert.Equal(message, problem.Message);
        }

        await using var db = await bed.Runs.Database.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Runs.CountAsync(Ct));
        Assert.Equal(0, await db.Batches.CountAsync(Ct));
    }

    [Fact]
    public async Task Start_UnknownProviderInSecondSetting_NamesThatSetting()
    {
        await using var bed = await BatchTestBed.CreateAsync();

        var started = await bed.Service.StartAsync(BatchTestBed.Request(2) with { Settings = [new("simulated", "simulated-json"), new("nowhere", "m")] }, Ct);

        var problem = Assert.Single(started.Problems);
        Assert.Equal("settings[1].provider", problem.Field);
        Assert.Contains("There is no provider named 'nowhere'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MoreCasesThanTheLimit_IsRefused()
    {
        await using var bed = await BatchTestBed.CreateAsync(options: new WorkbenchOptions { Batches = new BatchesOptions { MaxCases = 5 } });

        var started = await bed.Service.StartAsync(BatchTestBed.Request(6), Ct);

        Assert.Equal("6 cases; a batch has at most 5 (Workbench:Batches:MaxCases).", Assert.Single(started.Problems).Message);
    }

    [Fact]
    public async Task Start_PinsTheVersion_ANewVersionMidBatchChangesNothing()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        var started = await bed.Service.StartAsync(BatchTestBed.Request(2), Ct);
        Assert.True(started.Succeeded);

        var summary = await bed.Service.GetAsync(started.Value, Ct);

        Assert.Equal(1, summary!.TemplateVersion);
        await using var db = await bed.Runs.Database.Factory.CreateDbContextAsync(Ct);
        Assert.All(await db.Runs.Where(r => r.BatchId == started.Value).ToListAsync(Ct), r => Assert.Equal(1, r.RequestedVersion));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

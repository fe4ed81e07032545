using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Templates;
using Workbench.Core.Work;

namespace Workbench.Core.Batches;

/// <summary>
/// Starts, watches and cancels batches for the UI and the API. A batch request is checked first (the template version
/// is resolved once and pinned, each setting's provider is checked with the first case through
/// <see cref="RunEngine.CheckAsync"/>, every case's required variables are present, limits), then the batch and all its
/// runs are stored as queued in one transaction and handed to the engine's <see cref="IWorkDispatcher"/> with the submitted values (ADR-022).
/// </summary>
public sealed class BatchService(
    RunEngine engine,
    BatchStore store,
    IWorkDispatcher work,
    TestCaseService testCases,
    IOptions<WorkbenchOptions> options,
    TimeProvider time)
{
    private const int MaxReportedCaseProblems = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The new batch's id, or problems naming the request field (template, version, label, cases, cases[i].variables, testSet, settings[i].provider, concurrency, maxAttempts, simulation.faults, queue).</summary>
    public async Task<OperationResult<Guid>> StartAsync(BatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = options.Value.Batches;
        var problems = new List<TemplateProblem>();
        var concurrency = request.Concurrency ?? limits.DefaultConcurrency;
        if (concurrency is < 1 or > BatchRequest.MaxConcurrency)
        {
            problems.Add(new("concurrency", string.Create(CultureInfo.InvariantCulture, $"concurrency must be between 1 and {BatchRequest.MaxConcurrency}.")));
        }

        if (request.MaxAttempts is < 1 or > RunRequest.MaxMaxAttempts)
        {
            problems.Add(new("maxAttempts", string.Create(CultureInfo.InvariantCulture, $"maxAttempts must be between 1 and {RunRequest.MaxMaxAttempts}.")));
        }

        var settings = Settings(request, problems);
        var resolved = await engine.ResolveAsync(new RunRequest(request.Template ?? "", new Dictionary<string, string?>()) { Version = request.Version, Label = request.Label }, cancellationToken);
        if (!resolved.Succeeded)
        {
            problems.AddRange(resolved.Problems);
            return OperationResult<Guid>.Fail(problems);
        }

        var version = resolved.Value!;
        var cases = await CasesAsync(request, version.TemplateId, limits.MaxCases, problems, cancellationToken);
        if (problems.Count > 0 || cases is null)
        {
            return OperationResult<Guid>.Fail(problems);
        }

        CheckCases(cases, version.Content.Variables, problems);
        if (problems.Count > 0)
        {
            return OperationResult<Guid>.Fail(problems);
        }

        var template = request.Template!.Trim();
        RunRequest RunFor(TestCase testCase, BatchSetting setting, Guid? batchId) => new(template, testCase.Variables)
        {
            Version = version.Number,
            TemplateId = version.TemplateId,
            Provider = setting.Provider,
            Model = setting.Model,
            MaxAttempts = request.MaxAttempts,
            Simulation = testCase.Faults is { Count: > 0 } faults
                ? (request.Simulation ?? new SimulationSettings()) with { Faults = [.. request.Simulation?.Faults ?? [], .. faults] }
                : request.Simulation,
            BatchId = batchId,
        };

        for (var s = 0; s < settings.Count; s++)
        {
            var checks = await engine.CheckAsync(RunFor(cases[0], settings[s], null), cancellationToken);
            foreach (var check in checks)
            {
                var field = check.Field switch
                {
                    "provider" or "model" when request.Settings is not null => string.Create(CultureInfo.InvariantCulture, $"settings[{s}].{check.Field}"),
                    "variables" => "cases[0].variables",
                    _ => check.Field,
                };
                if (!problems.Any(p => p.Field == field && p.Message == check.Message))
                {
                    problems.Add(check with { Field = field });
                }
            }
        }

        if (problems.Count > 0)
        {
            return OperationResult<Guid>.Fail(problems);
        }

        var now = time.GetUtcNow();
        var batchId = Guid.CreateVersion7(now);
        var runs = new List<RunEntity>(cases.Count * settings.Count);
        var items = new List<BatchWorkItem>(cases.Count * settings.Count);
        for (var c = 0; c < cases.Count; c++)
        {
            for (var s = 0; s < settings.Count; s++)
            {
                var run = RunFor(cases[c], settings[s], batchId);
                var entity = RunStore.NewQueued(run, Guid.CreateVersion7(now), now.UtcDateTime);
                entity.CaseIndex = c;
                entity.SettingIndex = s;
                entity.ExpectationKind = cases[c].Expectation.Kind;
                runs.Add(entity);
                items.Add(new BatchWorkItem(entity.Id, run, cases[c].Expect));
            }
        }

        var batch = new BatchEntity
        {
            Id = batchId,
            TemplateName = template,
            TemplateId = version.TemplateId,
            TemplateVersion = version.Number,
            Label = request.Label?.Trim(),
            TestSet = request.Cases is null ? request.TestSet?.Trim() : null,
            SettingsJson = BatchStore.SerializeSettings(settings),
            CaseCount = cases.Count,
            Total = runs.Count,
            Concurrency = concurrency,
            MaxAttempts = request.MaxAttempts,
            SimulationJson = request.Simulation is { } simulation ? JsonSerializer.Serialize(new { simulation.Faults, simulation.Seed }, Json) : null,
            Status = BatchStatus.Queued,
            CreatedAtUtc = now.UtcDateTime,
        };
        var refused = await work.StartBatchAsync(batch, runs, items, cancellationToken);
        return refused is null ? OperationResult<Guid>.Ok(batchId) : OperationResult<Guid>.Fail(refused);
    }

    /// <summary>The batch with its counts read from its runs, or null.</summary>
    public Task<BatchSummary?> GetAsync(Guid id, CancellationToken cancellationToken = default) => store.GetAsync(id, cancellationToken);

    /// <summary>The newest batches first (at most <paramref name="take"/>, 1–200) with their counts.</summary>
    public async Task<IReadOnlyList<BatchSummary>> ListRecentAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        var ids = await store.ListRecentIdsAsync(Math.Clamp(take, 1, 200), cancellationToken);
        var summaries = new List<BatchSummary>(ids.Count);
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, cancellationToken) is { } summary)
            {
                summaries.Add(summary);
            }
        }

        return summaries;
    }

    /// <summary>The case × setting results, or null.</summary>
    public Task<BatchMatrix?> GetMatrixAsync(Guid id, CancellationToken cancellationToken = default) => store.GetMatrixAsync(id, cancellationToken);

    /// <summary>
    /// Stops a batch: its runs that have not started are stored as cancelled at once, executing ones are signalled and
    /// stored as cancelled with what had arrived; the batch ends as cancelled. False when unknown or already final.
    /// </summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var summary = await store.GetAsync(id, cancellationToken);
        if (summary is null || summary.Status is not (BatchStatus.Queued or BatchStatus.Running))
        {
            return false;
        }

        await work.CancelBatchAsync(id, cancellationToken);
        return true;
    }

    private static List<BatchSetting> Settings(BatchRequest request, List<TemplateProblem> problems)
    {
        if (request.Settings is null)
        {
            return [new BatchSetting(Blank(request.Provider), Blank(request.Model))];
        }

        if (!string.IsNullOrWhiteSpace(request.Provider) || !string.IsNullOrWhiteSpace(request.Model))
        {
            problems.Add(new("settings", "Give settings (a list of provider/model pairs) or provider/model, not both."));
        }

        if (request.Settings.Count is 0 or > BatchRequest.MaxSettings)
        {
            problems.Add(new("settings", string.Create(CultureInfo.InvariantCulture, $"settings must have between 1 and {BatchRequest.MaxSettings} provider/model pairs.")));
        }

        return [.. request.Settings.Select(s => new BatchSetting(Blank(s?.Provider), Blank(s?.Model)))];
    }

    private async Task<IReadOnlyList<TestCase>?> CasesAsync(BatchRequest request, Guid templateId, int maxCases, List<TemplateProblem> problems, CancellationToken cancellationToken)
    {
        if (request.Cases is not null && !string.IsNullOrWhiteSpace(request.TestSet))
        {
            problems.Add(new("testSet", "Give cases or testSet, not both."));
            return null;
        }

        IReadOnlyList<TestCase> cases;
        if (request.Cases is not null)
        {
            cases = request.Cases;
        }
        else if (!string.IsNullOrWhiteSpace(request.TestSet))
        {
            var stored = await testCases.ListAsync(templateId, request.TestSet.Trim(), cancellationToken);
            if (stored.Count == 0)
            {
                var sets = await testCases.ListSetsAsync(templateId, cancellationToken);
                problems.Add(new("testSet", $"Template '{request.Template!.Trim()}' has no test set '{request.TestSet.Trim()}' with cases (sets: {(sets.Count == 0 ? "none" : string.Join(", ", sets.Select(s => s.Name)))})."));
                return null;
            }

            cases = [.. stored.Select(s => s.Case)];
        }
        else
        {
            problems.Add(new("cases", "Give the cases to run (cases: [{\"variables\": {...}}]) or the name of a stored test set (testSet)."));
            return null;
        }

        if (cases.Count == 0)
        {
            problems.Add(new("cases", "cases is empty: a batch needs at least one case."));
            return null;
        }

        if (cases.Count > maxCases)
        {
            problems.Add(new("cases", string.Create(CultureInfo.InvariantCulture, $"{cases.Count} cases; a batch has at most {maxCases} (Workbench:Batches:MaxCases).")));
            return null;
        }

        return cases;
    }

    private static void CheckCases(IReadOnlyList<TestCase> cases, IReadOnlyList<VariableDeclaration> declared, List<TemplateProblem> problems)
    {
        var required = declared.Where(d => d.Required && d.DefaultValue is null).Select(d => d.Name).ToList();
        var reported = 0;
        for (var i = 0; i < cases.Count && reported < MaxReportedCaseProblems; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"cases[{i}].variables");
            if (cases[i]?.Variables is not { } variables)
            {
                problems.Add(new(field, "The variables are required (an object of names and values)."));
                reported++;
                continue;
            }

            foreach (var name in required.Where(n => !variables.TryGetValue(n, out var value) || value is null))
            {
                problems.Add(new(field, $"The required variable '{name}' has no value."));
                reported++;
            }

            if (cases[i].Faults is { Count: > 0 } faults)
            {
                foreach (var error in SimulatedFault.ParseAll(faults).Errors)
                {
                    problems.Add(new(string.Create(CultureInfo.InvariantCulture, $"cases[{i}].faults"), error));
                    reported++;
                }
            }

            if (TestCaseService.CheckExpectation(cases[i].Expect, string.Create(CultureInfo.InvariantCulture, $"cases[{i}].expect")) is { } expectation)
            {
                problems.Add(expectation);
                reported++;
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using System.Text.Json;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Api.Runs;

/// <summary><c>/api/runs</c>: queue a run, read it (from storage, redacted), cancel it.</summary>
internal static class RunEndpoints
{
    private const int CancelTries = 5;

    private static readonly TimeSpan CancelRetryDelay = TimeSpan.FromMilliseconds(20);

    public static RouteGroupBuilder MapRunEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/runs").WithTags("Runs");

        group.MapPost("", SubmitAsync).RequireAuthorization(Policies.CanEdit)
            .WithName("CreateRun")
            .WithSummary("Queue a run")
            .WithDescription("Checks the request (template, version or label, variables render strictly, provider configured, maxAttempts 1 to 10, " +
                             "simulation faults known) and queues the run: 202 with its id and a Location to poll. Nothing is stored for a request " +
                             "that cannot run: it is a 400 validation problem naming the field (template, version, label, variables, provider, model, " +
                             "maxAttempts, simulation.faults; an unknown fault lists the valid names). A full queue is a 503 problem.")
            .Accepts<CreateRunRequest>("application/json")
            .Produces<RunAcceptedResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetRun")
            .WithSummary("Get a run")
            .WithDescription("The run as stored (redacted). Poll until `status` is final (not queued or running). `attempts` lists every attempt " +
                             "in order; the engine records transport retries inside an attempt, and the list shows each of them, right before the " +
                             "attempt it belongs to, as an entry with `kind: transport-retry`, the same `number`, `status: retried`, `httpStatus` and " +
                             "`waitMs`. An attempt re-sent because its stream broke has `kind: stream-retry`.")
            .Produces<RunResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.CanEdit)
            .WithName("CancelRun")
            .WithSummary("Cancel a run")
            .WithDescription("A queued run is cancelled at once; an executing run is signalled and then stored as cancelled with what had arrived. " +
                             "202 when the cancel was accepted (poll the run for its final status), 409 when the run is already final, 404 when unknown.")
            .Produces<RunAcceptedResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    public static string RunPath(Guid id) => $"{ApiApplicationBuilderExtensions.PathPrefix}/runs/{id}";

    private static async Task<IResult> SubmitAsync(HttpRequest request, RunService runs, CurrentUser user, CancellationToken cancellationToken)
    {
        var body = await ApiJsonBody.ReadAsync<CreateRunRequest>(request, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var run = body.Value!;
        var submitted = await runs.SubmitAsync(ToRunRequest(run) with { RequestedBy = user.Name }, cancellationToken);
        if (submitted.Succeeded)
        {
            return TypedResults.Accepted(RunPath(submitted.Value), new RunAcceptedResponse(submitted.Value));
        }

        if (submitted.Problems.FirstOrDefault(p => p.Field == "queue") is { } full)
        {
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "The run queue is full.", full.Message);
        }

        return ApiProblems.Validation(submitted.Problems.Select(p => new KeyValuePair<string, string>(p.Field, ApiProblems.Describe(p))));
    }

    private static async Task<IResult> GetAsync(Guid id, RunStore store, ProviderCatalog catalog, CancellationToken cancellationToken)
    {
        var run = await store.GetAsync(id, cancellationToken);
        return run is null
            ? ApiProblems.NotFound($"There is no run {id}.")
            : TypedResults.Ok(RunResponseMapper.From(run, IsSimulated(catalog, run.Provider)));
    }

    private static async Task<IResult> CancelAsync(Guid id, RunService runs, RunStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < CancelTries; attempt++)
        {
            if (await runs.CancelAsync(id, cancellationToken))
            {
                return TypedResults.Accepted(RunPath(id), new RunAcceptedResponse(id));
            }

            var run = await store.GetAsync(id, cancellationToken);
            if (run is null)
            {
                return ApiProblems.NotFound($"There is no run {id}.");
            }

            if (run.Status is not (RunStatus.Queued or RunStatus.Running))
            {
                return ApiProblems.Conflict($"Run {id} has already finished: it is {JsonNamingPolicy.KebabCaseLower.ConvertName(run.Status.ToString())}.");
            }

            // Between "marked running" and "executing" the run can be caught in neither state for an instant.
            await Task.Delay(CancelRetryDelay, time, cancellationToken);
        }

        return ApiProblems.Conflict($"Run {id} is just starting and could not be cancelled yet; send the cancel again.");
    }

    private static RunRequest ToRunRequest(CreateRunRequest run) => new(run.Template ?? "", ToValues(run.Variables))
    {
        Version = run.Version,
        Label = run.Label,
        Provider = run.Provider,
        Model = run.Model,
        MaxAttempts = run.MaxAttempts,
        Simulation = run.Simulation is { } simulation
            ? new SimulationSettings { Faults = simulation.Faults ?? [], Seed = simulation.Seed ?? 0 }
            : null,
    };

    /// <summary>Strings as they are; other JSON values (for json variables) as their JSON text; null as no value.</summary>
    private static Dictionary<string, string?> ToValues(IReadOnlyDictionary<string, JsonElement>? variables) =>
        (variables ?? new Dictionary<string, JsonElement>()).ToDictionary(
            v => v.Key,
            v => v.Value.ValueKind switch
            {
                JsonValueKind.String => v.Value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => v.Value.GetRawText(),
            },
            StringComparer.Ordinal);

    private static bool IsSimulated(ProviderCatalog catalog, string? provider) =>
        provider is not null && catalog.Find(provider) is { IsSimulated: true };
}

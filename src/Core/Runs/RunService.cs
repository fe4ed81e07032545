using Workbench.Core.Templates;
using Workbench.Core.Work;

namespace Workbench.Core.Runs;

/// <summary>
/// Starts and cancels runs for the UI and the API. A submission is checked first (nothing is stored or sent for a
/// request that cannot run), stored as queued (redacted) and handed to the <see cref="IWorkDispatcher"/> of the engine
/// (ADR-022); progress is watched through the <see cref="RunNotifier"/> and the result read from the <see cref="RunStore"/>.
/// </summary>
public sealed class RunService(RunEngine engine, IWorkDispatcher work)
{
    /// <summary>The new run's id, or problems naming the request field (template, version, label, variables, provider, model, maxAttempts, simulation.faults, queue).</summary>
    public async Task<OperationResult<Guid>> SubmitAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = await engine.CheckAsync(request, cancellationToken);
        if (problems.Count > 0)
        {
            return OperationResult<Guid>.Fail(problems);
        }

        return await work.SubmitRunAsync(request, cancellationToken);
    }

    /// <summary>
    /// Stops a run: a queued run is stored as cancelled at once; an executing run is signalled and then stored as
    /// cancelled with what had arrived. False when the run is unknown or already final.
    /// </summary>
    public Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken = default) => work.CancelRunAsync(id, cancellationToken);
}

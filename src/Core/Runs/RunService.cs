using System.Globalization;
using Workbench.Core.Templates;

namespace Workbench.Core.Runs;

/// <summary>
/// Starts and cancels runs for the UI and the API. A submission is checked first (nothing is stored or sent for a
/// request that cannot run), stored as queued (redacted) and handed to the <see cref="RunWorker"/>; progress is
/// watched through the <see cref="RunNotifier"/> and the result read from the <see cref="RunStore"/>.
/// </summary>
public sealed class RunService(RunEngine engine, RunStore store, RunQueue queue, RunExecutor executor)
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

        if (queue.Count >= queue.Capacity)
        {
            return OperationResult<Guid>.Fail(QueueFull());
        }

        var id = await store.AddQueuedAsync(request, cancellationToken);
        if (!queue.TryEnqueue(new QueuedRun(id, request)))
        {
            await store.InterruptQueuedAsync([id], "The run queue was full.", CancellationToken.None);
            return OperationResult<Guid>.Fail(QueueFull());
        }

        return OperationResult<Guid>.Ok(id);
    }

    /// <summary>
    /// Stops a run: a queued run is stored as cancelled at once; an executing run is signalled and then stored as
    /// cancelled with what had arrived. False when the run is unknown or already final.
    /// </summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken = default) =>
        executor.TryCancel(id) || await store.CancelQueuedAsync(id, cancellationToken);

    private TemplateProblem QueueFull() => new(
        "queue",
        string.Create(CultureInfo.InvariantCulture, $"The run queue is full ({queue.Capacity} runs waiting, Workbench:Runs:QueueCapacity). Try again when some have finished."));
}

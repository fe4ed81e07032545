using System.Globalization;
using Workbench.Core.Batches;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Templates;

namespace Workbench.Core.Work;

/// <summary>
/// The single-node queue (SQLite, ADR-007/ADR-010): runs go to the bounded <see cref="RunQueue"/> read by the
/// <see cref="RunWorker"/>, batches to the <see cref="BatchRunner"/>; the submitted values stay in memory.
/// </summary>
public sealed class InProcessWorkDispatcher(RunStore store, RunQueue queue, RunExecutor executor, BatchStore batches, BatchRunner runner) : IWorkDispatcher
{
    public async Task<OperationResult<Guid>> SubmitRunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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

    public async Task<bool> CancelRunAsync(Guid id, CancellationToken cancellationToken) =>
        executor.TryCancel(id) || await store.CancelQueuedAsync(id, cancellationToken);

    public async Task<TemplateProblem?> StartBatchAsync(BatchEntity batch, IReadOnlyList<RunEntity> runs, IReadOnlyList<BatchWorkItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await batches.CreateAsync(batch, runs, cancellationToken);
        var work = new BatchWork(batch.Id, batch.Concurrency, items);
        if (runner.TryEnqueue(work))
        {
            return null;
        }

        work.Dispose();
        await batches.InterruptQueuedRunsAsync(batch.Id, "The batch queue was full.", CancellationToken.None);
        await batches.FinishAsync(batch.Id, BatchStatus.Interrupted, "The batch queue was full.", CancellationToken.None);
        return new TemplateProblem("queue", string.Create(CultureInfo.InvariantCulture,
            $"Too many batches are waiting ({runner.QueueCapacity}, Workbench:Batches:QueueCapacity). Try again when some have finished."));
    }

    public async Task CancelBatchAsync(Guid id, CancellationToken cancellationToken)
    {
        var signalled = runner.TryCancel(id);
        await batches.CancelQueuedRunsAsync(id, cancellationToken);
        if (!signalled)
        {
            // Not executing here (it ended meanwhile, or its work was lost): nothing else will finish it.
            await batches.FinishAsync(id, BatchStatus.Cancelled, "Cancelled.", cancellationToken);
        }
    }

    private TemplateProblem QueueFull() => new(
        "queue",
        string.Create(CultureInfo.InvariantCulture, $"The run queue is full ({queue.Capacity} runs waiting, Workbench:Runs:QueueCapacity). Try again when some have finished."));
}

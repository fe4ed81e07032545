using Workbench.Core.Batches;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Templates;

namespace Workbench.Core.Work;

/// <summary>
/// Where checked runs and batches go to be executed (ADR-022). One implementation per engine, chosen in one place
/// (<see cref="CoreServiceCollectionExtensions"/>): on SQLite the in-process channels of one node
/// (<see cref="InProcessWorkDispatcher"/>), on PostgreSQL a table any node's worker claims with a lease
/// (<see cref="DatabaseWorkDispatcher"/>). Callers check requests first; these methods store and hand over.
/// </summary>
public interface IWorkDispatcher
{
    /// <summary>Stores a checked request as a queued run and hands it to a worker; the run's id, or a "queue" problem.</summary>
    Task<OperationResult<Guid>> SubmitRunAsync(RunRequest request, CancellationToken cancellationToken);

    /// <summary>Cancels a run that has not finished, wherever it waits or executes; false when unknown or already final.</summary>
    Task<bool> CancelRunAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Stores a batch with its queued runs (one transaction) and hands them over; null, or a "queue" problem.</summary>
    Task<TemplateProblem?> StartBatchAsync(BatchEntity batch, IReadOnlyList<RunEntity> runs, IReadOnlyList<BatchWorkItem> items, CancellationToken cancellationToken);

    /// <summary>Cancels a batch that is queued or running (checked by the caller), wherever its runs execute.</summary>
    Task CancelBatchAsync(Guid id, CancellationToken cancellationToken);
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workbench.Core.Batches;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Templates;

namespace Workbench.Core.Work;

/// <summary>
/// The queue shared by all nodes on PostgreSQL (ADR-022): a run (or a whole batch) is stored as queued together with
/// its work item, whose payload is the submitted request sealed by <see cref="WorkPayloadSealer"/>, in one transaction;
/// a notice wakes the nodes' <see cref="DatabaseWorker"/>s. Cancels work from any node through the table.
/// </summary>
public sealed class DatabaseWorkDispatcher(
    IDbContextFactory<WorkbenchDbContext> dbFactory,
    RunEngine engine,
    RunExecutor executor,
    WorkItemStore queue,
    WorkPayloadSealer sealer,
    BatchStore batches,
    ClusterSignals signals,
    IOptions<WorkbenchOptions> options,
    TimeProvider time) : IWorkDispatcher
{
    public async Task<OperationResult<Guid>> SubmitRunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var capacity = options.Value.Runs.QueueCapacity;
        if (await queue.CountAsync(singleRunsOnly: true, cancellationToken) >= capacity)
        {
            return OperationResult<Guid>.Fail(new TemplateProblem("queue", string.Create(CultureInfo.InvariantCulture,
                $"The run queue is full ({capacity} runs waiting, Workbench:Runs:QueueCapacity). Try again when some have finished.")));
        }

        var resolved = await engine.ResolveAsync(request, cancellationToken);
        if (!resolved.Succeeded)
        {
            return OperationResult<Guid>.Fail(resolved.Problems);
        }

        var now = time.GetUtcNow();
        var run = RunStore.NewQueued(request, Guid.CreateVersion7(now), now.UtcDateTime);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Runs.Add(run);
            db.WorkItems.Add(Item(run.Id, null, ProviderOf(request, resolved.Value!.Content.Settings.Provider), sealer.Seal(request, null), now.UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }

        await signals.WorkAddedAsync(CancellationToken.None);
        return OperationResult<Guid>.Ok(run.Id);
    }

    public async Task<bool> CancelRunAsync(Guid id, CancellationToken cancellationToken)
    {
        if (executor.TryCancel(id))
        {
            return true;
        }

        if (!await queue.CancelRunAsync(id, cancellationToken))
        {
            return false;
        }

        await signals.CancelRequestedAsync("run", id, CancellationToken.None);
        return true;
    }

    public async Task<TemplateProblem?> StartBatchAsync(BatchEntity batch, IReadOnlyList<RunEntity> runs, IReadOnlyList<BatchWorkItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(items);
        var resolved = await engine.ResolveAsync(new RunRequest(batch.TemplateName, new Dictionary<string, string?>()) { Version = batch.TemplateVersion }, cancellationToken);
        if (!resolved.Succeeded)
        {
            return resolved.Problems[0];
        }

        var fallback = resolved.Value!.Content.Settings.Provider;
        var at = batch.CreatedAtUtc;
        var entries = items.Select(w => Item(w.RunId, batch.Id, ProviderOf(w.Request, fallback), sealer.Seal(w.Request, w.Expect), at)).ToList();
        await batches.CreateAsync(batch, runs, cancellationToken, entries);
        await signals.WorkAddedAsync(CancellationToken.None);
        return null;
    }

    public async Task CancelBatchAsync(Guid id, CancellationToken cancellationToken)
    {
        await queue.CancelBatchAsync(id, cancellationToken);
        await signals.CancelRequestedAsync("batch", id, CancellationToken.None);
        await signals.BatchChangedAsync(id, CancellationToken.None);
    }

    private static WorkItemEntity Item(Guid runId, Guid? batchId, string provider, byte[] payload, DateTime at) => new()
    {
        RunId = runId,
        BatchId = batchId,
        Provider = provider,
        Payload = payload,
        EnqueuedAtUtc = at,
    };

    private static string ProviderOf(RunRequest request, string fallback) =>
        (string.IsNullOrWhiteSpace(request.Provider) ? fallback : request.Provider).Trim().ToLowerInvariant();
}

namespace Workbench.Core.Batches;

/// <summary>
/// A batch's progress as its runs finish, for a progress bar and an ETA: <see cref="Completed"/> of <see cref="Total"/>,
/// the counts so far, and the elapsed time since it started. <see cref="EstimatedRemaining"/> extrapolates the pace so
/// far (null until a run has finished). The last report of a batch has a final <see cref="Status"/>.
/// </summary>
public sealed record BatchProgress(
    Guid BatchId,
    BatchStatus Status,
    int Total,
    int Completed,
    int Valid,
    int Repaired,
    int Invalid,
    int Failed,
    int Cancelled,
    int Interrupted,
    int Passed,
    TimeSpan Elapsed)
{
    public bool IsFinal => Status is not (BatchStatus.Queued or BatchStatus.Running);

    public TimeSpan? EstimatedRemaining => Completed == 0 || IsFinal
        ? (IsFinal ? TimeSpan.Zero : null)
        : TimeSpan.FromTicks(Elapsed.Ticks / Completed * (Total - Completed));
}

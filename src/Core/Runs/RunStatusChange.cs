namespace Workbench.Core.Runs;

/// <summary>A run moved to <see cref="Status"/>; <see cref="BatchId"/> is set for runs of a batch.</summary>
public sealed record RunStatusChange(Guid RunId, RunStatus Status)
{
    public Guid? BatchId { get; init; }
}

namespace Workbench.Core.Batches;

/// <summary>Where a batch is. Interrupted: the app stopped (or was killed) before it finished; its unfinished runs are interrupted too.</summary>
public enum BatchStatus
{
    Queued,
    Running,
    Completed,
    Cancelled,
    Interrupted,
}

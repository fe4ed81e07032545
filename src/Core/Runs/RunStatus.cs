namespace Workbench.Core.Runs;

/// <summary>Where a run is: waiting, executing, or one of the final outcomes.</summary>
public enum RunStatus
{
    Queued,
    Running,
    Valid,
    Repaired,
    Invalid,
    Failed,
    Cancelled,
    Interrupted,
}

namespace Workbench.Core.Runs;

/// <summary>The outcome of one attempt.</summary>
public enum RunAttemptStatus
{
    Valid,
    Invalid,
    Failed,
    Cancelled,
}

namespace Workbench.Core.Runs;

/// <summary>
/// The first request of a run, a follow-up asking the model to fix its previous answer, or the same request sent again
/// because the previous attempt's stream broke or stalled.
/// </summary>
public enum RunAttemptKind
{
    Initial,
    Repair,
    StreamRetry,
}

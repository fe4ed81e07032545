namespace Workbench.Core.Runs;

/// <summary>
/// What a <see cref="RunProgress"/> report announces. <see cref="Completed"/> comes from the engine when the outcome
/// is known; <see cref="Stored"/> follows once the (redacted) result is in the database, so a watcher can read it.
/// </summary>
public enum RunProgressKind
{
    AttemptStarted,
    Text,
    TransportRetry,
    AttemptCompleted,
    Completed,
    Stored,
}

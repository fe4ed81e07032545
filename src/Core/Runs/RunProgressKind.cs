namespace Workbench.Core.Runs;

/// <summary>What a <see cref="RunProgress"/> report announces.</summary>
public enum RunProgressKind
{
    AttemptStarted,
    Text,
    TransportRetry,
    AttemptCompleted,
    Completed,
}

namespace Workbench.Api.Runs;

/// <summary>
/// What an entry of a run's attempt list is: a request of the run (the first, a repair, or the same request sent again
/// after its stream broke), or a transport retry inside one.
/// </summary>
public enum ApiAttemptKind
{
    Initial,
    Repair,
    TransportRetry,
    StreamRetry,
}

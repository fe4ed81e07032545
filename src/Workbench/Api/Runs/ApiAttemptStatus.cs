namespace Workbench.Api.Runs;

/// <summary>The outcome of an attempt; <see cref="Retried"/> for a transport retry entry.</summary>
public enum ApiAttemptStatus
{
    Valid,
    Invalid,
    Failed,
    Cancelled,
    Retried,
}

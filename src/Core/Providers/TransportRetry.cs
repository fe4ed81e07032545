using System.Globalization;

namespace Workbench.Core.Providers;

/// <summary>
/// One transport retry, as the run trail shows it: which try failed (1-based), with what HTTP status or error kind,
/// and how long the pipeline waited before the next try (from Retry-After when the server sent one, else backoff).
/// Carries no request or response content and no headers.
/// </summary>
public sealed record TransportRetry(
    string Provider,
    int FailedTry,
    int? HttpStatus,
    string? ErrorKind,
    TimeSpan Wait,
    bool WaitFromRetryAfter)
{
    /// <summary>"429, waited 2.0 s" / "timeout, waited 1.3 s".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(HttpStatus is { } status ? status.ToString(CultureInfo.InvariantCulture) : ErrorKind ?? "error")}, waited {Wait.TotalSeconds:0.0} s");
}

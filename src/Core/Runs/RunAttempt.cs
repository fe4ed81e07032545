using Workbench.Core.Providers;
using Workbench.Core.Validation;

namespace Workbench.Core.Runs;

/// <summary>
/// One request of a run and what came back: the messages sent, the raw output (what arrived so far when cancelled or
/// broken), the extracted JSON, the validation issues, the transport retries inside it, tokens (provider usage, else
/// estimated offline: <see cref="TokensEstimated"/>), timings, cost (null = unknown price), finish reason and error.
/// </summary>
public sealed record RunAttempt(
    int Number,
    RunAttemptKind Kind,
    RunAttemptStatus Status,
    IReadOnlyList<RunMessage> Messages,
    string Output,
    string? Json,
    IReadOnlyList<ValidationIssue> Issues,
    IReadOnlyList<TransportRetry> TransportRetries,
    long? InputTokens,
    long? OutputTokens,
    bool TokensEstimated,
    long? TimeToFirstTokenMs,
    long LatencyMs,
    decimal? CostUsd,
    string? FinishReason,
    int? HttpStatus,
    string? Error)
{
    /// <summary>The stream broke or stalled after the request was accepted (so the engine may send it again).</summary>
    public bool StreamBroke { get; init; }
}

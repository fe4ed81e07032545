using System.ComponentModel;
using System.Text.Json;

namespace Workbench.Api.Runs;

/// <summary>
/// One entry of a run's attempt list: an attempt (<c>initial</c> or <c>repair</c>), or a transport retry inside the
/// attempt with the same <c>number</c> (<c>transport-retry</c>, status <c>retried</c>, with <c>httpStatus</c> and
/// <c>waitMs</c>); an attempt's retries come right before it.
/// </summary>
public sealed record RunAttemptEntry
{
    [Description("The attempt this entry belongs to (1 = initial, 2 = first repair ...).")]
    public required int Number { get; init; }

    public required ApiAttemptKind Kind { get; init; }

    public required ApiAttemptStatus Status { get; init; }

    [Description("The HTTP status that failed (transport retry), or the last one an attempt saw; null when none.")]
    public int? HttpStatus { get; init; }

    [Description("Transport retry: how long the pipeline waited before trying again, in milliseconds.")]
    public long? WaitMs { get; init; }

    [Description("Transport retry: whether the wait came from the server's Retry-After.")]
    public bool? WaitFromRetryAfter { get; init; }

    [Description("Transport retry without an HTTP status: timeout, connection ...")]
    public string? ErrorKind { get; init; }

    public required IReadOnlyList<ApiIssue> Issues { get; init; }

    [Description("Total time of the attempt in milliseconds (null for a transport retry entry).")]
    public long? LatencyMs { get; init; }

    public long? TimeToFirstTokenMs { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    [Description("True when the provider reported no usage and the tokens were counted offline.")]
    public bool? TokensEstimated { get; init; }

    [Description("Null when the model's price is unknown (not zero).")]
    public decimal? CostUsd { get; init; }

    public string? FinishReason { get; init; }

    public string? Error { get; init; }

    [Description("The messages sent in this attempt (redacted as stored); a repair attempt ends with the repair request.")]
    public IReadOnlyList<ApiRunMessage>? Messages { get; init; }

    [Description("The raw output of this attempt (redacted as stored).")]
    public string? Output { get; init; }

    [Description("The JSON extracted from this attempt's output, as a JSON value; null when none.")]
    public JsonElement? Json { get; init; }
}

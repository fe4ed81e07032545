using Workbench.Core.Runs;

namespace Workbench.Core.Persistence;

/// <summary>One stored attempt of a run; transport retries are a JSON column (status, wait: no content).</summary>
public sealed class RunAttemptEntity
{
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    public int Number { get; set; }
    public RunAttemptKind Kind { get; set; }
    public RunAttemptStatus Status { get; set; }
    [Redact(IsJson = true)]
    public string MessagesJson { get; set; } = "[]";
    [Redact]
    public string Output { get; set; } = "";
    [Redact(IsJson = true)]
    public string? Json { get; set; }
    [Redact(IsJson = true)]
    public string IssuesJson { get; set; } = "[]";
    public string TransportRetriesJson { get; set; } = "[]";
    public long? InputTokens { get; set; }
    public long? OutputTokens { get; set; }
    public bool TokensEstimated { get; set; }
    public long? TimeToFirstTokenMs { get; set; }
    public long LatencyMs { get; set; }
    public decimal? CostUsd { get; set; }
    public string? FinishReason { get; set; }
    public int? HttpStatus { get; set; }
    [Redact]
    public string? Error { get; set; }
}

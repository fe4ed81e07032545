namespace Workbench.Core.Batches;

/// <summary>
/// A batch and its counts, read from its runs. <see cref="Completed"/> counts runs that reached a final status
/// (valid, repaired, invalid, failed, cancelled, interrupted); <see cref="Passed"/> those whose expectation held.
/// </summary>
public sealed record BatchSummary(
    Guid Id,
    BatchStatus Status,
    string? StatusReason,
    string Template,
    int TemplateVersion,
    string? TestSet,
    int CaseCount,
    int Total,
    int Queued,
    int Running,
    int Completed,
    int Valid,
    int Repaired,
    int Invalid,
    int Failed,
    int Cancelled,
    int Interrupted,
    int Evaluated,
    int Passed,
    int Concurrency,
    DateTime CreatedAtUtc,
    DateTime? StartedAtUtc,
    DateTime? FinishedAtUtc,
    IReadOnlyList<BatchSettingSummary> Settings);

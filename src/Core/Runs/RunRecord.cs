namespace Workbench.Core.Runs;

/// <summary>A stored run as read back (redacted): status, the final output and JSON, errors and every attempt.</summary>
public sealed record RunRecord(
    Guid Id,
    RunStatus Status,
    string? StatusReason,
    string Template,
    int? TemplateVersion,
    string? Provider,
    string? Model,
    string? Output,
    string? Json,
    IReadOnlyList<string> Errors,
    DateTime CreatedAtUtc,
    DateTime? StartedAtUtc,
    DateTime? FinishedAtUtc,
    IReadOnlyList<RunAttempt> Attempts);

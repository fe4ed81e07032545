using Workbench.Core.Runs;

namespace Workbench.Core.History;

/// <summary>One row of the run history: what identifies the run and its outcome, no content; the newest verdict if any.</summary>
public sealed record RunHistoryRow(
    Guid Id,
    RunStatus Status,
    string Template,
    int? TemplateVersion,
    string? Label,
    string? Provider,
    string? Model,
    int AttemptCount,
    string? StartedBy,
    DateTime CreatedAtUtc,
    DateTime? StartedAtUtc,
    DateTime? FinishedAtUtc,
    VerdictKind? Verdict);

using Workbench.Core.Runs;

namespace Workbench.Core.History;

/// <summary>One row of the recent-runs list: no content, only what identifies the run and its outcome.</summary>
public sealed record RunSummary(
    Guid Id,
    RunStatus Status,
    string Template,
    int? TemplateVersion,
    string? Provider,
    string? Model,
    int AttemptCount,
    DateTime CreatedAtUtc,
    DateTime? FinishedAtUtc);

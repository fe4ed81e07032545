using Workbench.Core.Batches;

namespace Workbench.Core.Runs;

/// <summary>
/// The outcome of a run: its final status, the resolved template version, provider and model, the final output and
/// extracted JSON, every attempt, and errors that stopped it before or outside an attempt (render errors, unknown
/// template, provider problems).
/// </summary>
public sealed record RunResult(
    RunStatus Status,
    Guid? TemplateId,
    string Template,
    int? TemplateVersion,
    string? Provider,
    string? Model,
    Guid? SchemaId,
    int? SchemaVersion,
    string? Output,
    string? Json,
    IReadOnlyList<RunAttempt> Attempts,
    IReadOnlyList<string> Errors,
    DateTime StartedAtUtc,
    DateTime FinishedAtUtc)
{
    /// <summary>Why the run ended outside its attempts (interrupted by a shutdown ...). Never content.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The test case's expectation checked against this result (batch runs), stored with it.</summary>
    public ExpectationResult? Expectation { get; init; }

    public bool IsFinal => Status is not (RunStatus.Queued or RunStatus.Running);
}

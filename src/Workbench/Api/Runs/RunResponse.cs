using System.ComponentModel;
using System.Text.Json;
using Workbench.Core.Runs;

namespace Workbench.Api.Runs;

/// <summary>A run as stored: every text in it is the redacted form; variable values and keys are never included.</summary>
public sealed record RunResponse
{
    public required Guid Id { get; init; }

    [Description("queued, running, or final: valid, repaired (valid after repairs), invalid (attempts used up), failed, cancelled, interrupted (the app stopped).")]
    public required RunStatus Status { get; init; }

    [Description("Why a run ended without an attempt outcome (cancelled before it started, interrupted by a restart).")]
    public string? StatusReason { get; init; }

    [Description("The final output (redacted as stored).")]
    public string? Output { get; init; }

    [Description("The JSON extracted from the final output, as a JSON value; null when none.")]
    public JsonElement? Json { get; init; }

    [Description("What stopped the run before or outside an attempt: render errors, provider problems.")]
    public required IReadOnlyList<string> Errors { get; init; }

    public required string Template { get; init; }

    public int? Version { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    [Description("True when the run used the built-in Simulated provider: its output is not from a model.")]
    public required bool Simulated { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    [Description("Every attempt in order; each attempt's transport retries come right before it as entries of kind transport-retry with the attempt's number.")]
    public required IReadOnlyList<RunAttemptEntry> Attempts { get; init; }
}

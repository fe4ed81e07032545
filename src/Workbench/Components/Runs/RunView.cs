using Workbench.Core.Runs;

namespace Workbench.Components.Runs;

/// <summary>What a page hands to the <see cref="AttemptTimeline"/>: the live state while a run executes, the stored (redacted) run after.</summary>
public sealed record RunView(
    RunStatus Status,
    IReadOnlyList<RunAttempt> Attempts,
    LiveAttempt? Current,
    string? Output,
    string? Json,
    IReadOnlyList<string> Errors,
    string? StatusReason,
    bool IsSimulated,
    bool Redacted)
{
    /// <summary>A stored run (its text is redacted).</summary>
    public static RunView FromRecord(RunRecord record, bool isSimulated)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Status, record.Attempts, null, record.Output, record.Json, record.Errors, record.StatusReason, isSimulated, Redacted: true);
    }

    /// <summary>A run being watched live: running until the engine reports the outcome.</summary>
    public static RunView FromLive(LiveRun live, bool isSimulated)
    {
        ArgumentNullException.ThrowIfNull(live);
        var (attempts, current, result) = live.Snapshot();
        return result is null
            ? new(attempts.Count > 0 || current is not null ? RunStatus.Running : RunStatus.Queued, attempts, current, null, null, [], null, isSimulated, Redacted: false)
            : new(result.Status, result.Attempts, null, result.Output, result.Json, result.Errors, result.StatusReason, isSimulated, Redacted: false);
    }
}

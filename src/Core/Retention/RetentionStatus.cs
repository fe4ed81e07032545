namespace Workbench.Core.Retention;

/// <summary>
/// The last purge as the Privacy page shows it: when it ran (UTC), how many runs it removed, and whether it failed
/// (the failure itself is in the log, redacted). <see cref="LastPurgeUtc"/> is null until the first purge.
/// </summary>
public sealed record RetentionStatus(DateTime? LastPurgeUtc, int LastPurgedRuns, bool LastFailed)
{
    public static RetentionStatus None { get; } = new(null, 0, false);
}

namespace Workbench.Core.Audit;

/// <summary>
/// What to record: an action from <see cref="AuditActions"/> on a target. The actor defaults to the current
/// <see cref="AuditContext"/>; <paramref name="Details"/> is free text and is redacted at the database boundary.
/// </summary>
public sealed record AuditEvent(string Action, string TargetKind, string? TargetId, string? TargetName, string? Details = null)
{
    /// <summary>Overrides the acting user's name (services that are told who acts, e.g. the author of a version).</summary>
    public string? ActorName { get; init; }

    /// <summary>Overrides the acting user's id (e.g. a sign-in, before the session exists).</summary>
    public string? ActorId { get; init; }
}

namespace Workbench.Core.Audit;

/// <summary>One audit entry as stored (details already redacted).</summary>
public sealed record AuditEntry(
    long Id,
    DateTime OccurredAtUtc,
    string? ActorId,
    string ActorName,
    string Action,
    string TargetKind,
    string? TargetId,
    string? TargetName,
    string? Details,
    string? ClientIp);

namespace Workbench.Core.Persistence;

/// <summary>
/// An append-only audit entry (ADR-017). Immutable: the <see cref="ImmutableEntityInterceptor"/> refuses updates and
/// deletes through EF Core, and triggers refuse them in SQL (deletes only for entries older than the minimum audit
/// retention, which the retention purge uses). <see cref="Details"/> is free text and is redacted on its way in.
/// </summary>
public sealed class AuditEntryEntity
{
    public long Id { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public string? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string TargetKind { get; set; }
    public string? TargetId { get; set; }
    public string? TargetName { get; set; }
    [Redact]
    public string? Details { get; set; }
    public string? ClientIp { get; set; }
}

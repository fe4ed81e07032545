namespace Workbench.Core.Persistence;

/// <summary>
/// A queued run (single or of a batch) waiting for, or held by, a node's worker on PostgreSQL (ADR-022). The submitted,
/// unredacted request travels in <see cref="Payload"/>, sealed with ASP.NET Data Protection, never in clear; the row is
/// deleted in the same transaction that stores the run's final result. Unused on SQLite (the in-process queue holds the
/// request in memory there).
/// </summary>
public sealed class WorkItemEntity
{
    /// <summary>The run this work item executes (one row per run at most).</summary>
    public Guid RunId { get; set; }

    public Guid? BatchId { get; set; }

    /// <summary>The provider the run calls (lower case; resolved at submission), for the per-provider limit across nodes.</summary>
    public required string Provider { get; set; }

    /// <summary>The sealed request and expectation (Data Protection ciphertext: no PII in clear).</summary>
    public required byte[] Payload { get; set; }

    public DateTime EnqueuedAtUtc { get; set; }

    /// <summary>The node holding the lease, or null while the item waits.</summary>
    public string? LeasedBy { get; set; }

    /// <summary>Changes with every claim: a final write is accepted only from the holder of the current token.</summary>
    public Guid? LeaseToken { get; set; }

    /// <summary>The database clock's time at which the lease lapses unless renewed.</summary>
    public DateTime? LeaseExpiresAtUtc { get; set; }

    /// <summary>How often the item was claimed (above 1 = taken over after a node stopped renewing).</summary>
    public int Claims { get; set; }

    /// <summary>Set by a cancel from any node; the executing node notices on its heartbeat.</summary>
    public bool CancelRequested { get; set; }
}

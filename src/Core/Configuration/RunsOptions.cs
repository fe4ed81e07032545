using System.ComponentModel.DataAnnotations;

namespace Workbench.Core.Configuration;

/// <summary>The <c>Workbench:Runs</c> section: how the background worker executes runs.</summary>
public sealed class RunsOptions
{
    /// <summary>Runs executed at the same time by the background worker (single runs; batches have their own limit).</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Runs that may wait for the worker; a submission beyond it is refused with a message, not queued forever.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Cases of the private, simulated batch run once after start-up so the JIT compiles the run path before the first real
    /// batch (ADR-027; a throwaway database, deleted afterwards). 0 = no warm-up.
    /// </summary>
    [Range(0, 1000)]
    public int WarmUpCases { get; set; } = 40;

    /// <summary>Seconds without any streamed data after which an attempt is abandoned as a stalled stream.</summary>
    [Range(1, 3600)]
    public int IdleStreamTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// PostgreSQL only (ADR-022): seconds a node holds a claimed run before another node may take it over. Renewed every
    /// <see cref="HeartbeatSeconds"/> while the run executes, so only the work of a node that stopped renewing expires.
    /// </summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>PostgreSQL only: how often a node renews its leases and looks for cancel requests (less than <see cref="LeaseSeconds"/>).</summary>
    [Range(0.1, 600)]
    public double HeartbeatSeconds { get; set; } = 5;

    /// <summary>PostgreSQL only: how often an idle node looks for claimable work when no notification woke it (also the fallback of the progress notifications).</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;
}

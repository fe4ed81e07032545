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

    /// <summary>Seconds without any streamed data after which an attempt is abandoned as a stalled stream.</summary>
    [Range(1, 3600)]
    public int IdleStreamTimeoutSeconds { get; set; } = 120;
}

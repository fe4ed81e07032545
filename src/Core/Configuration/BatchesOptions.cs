using System.ComponentModel.DataAnnotations;

namespace Workbench.Core.Configuration;

/// <summary>The <c>Workbench:Batches</c> section: limits of batch runs.</summary>
public sealed class BatchesOptions
{
    /// <summary>Runs of one batch executed at the same time when the request names no concurrency.</summary>
    [Range(1, 32)]
    public int DefaultConcurrency { get; set; } = 4;

    /// <summary>Most cases in one batch (and in one imported file).</summary>
    [Range(1, 100_000)]
    public int MaxCases { get; set; } = 10_000;

    /// <summary>Batches executing at the same time; further batches wait their turn.</summary>
    [Range(1, 16)]
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>Batches that may wait for the runner; beyond it a new batch is refused with a message.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 100;
}

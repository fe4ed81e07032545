namespace Workbench.Core.History;

/// <summary>Latency (summed over a run's attempts) and token (input + output) distributions per setting of one batch; buckets are null when there are no values.</summary>
public sealed record BatchInsights(Guid BatchId, IReadOnlyList<SettingDistribution> Settings, Histogram? LatencyBuckets, Histogram? TokenBuckets)
{
    public bool IsEmpty => Settings.All(s => s.LatencyMs is null);
}

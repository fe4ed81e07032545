namespace Workbench.Core.Work;

/// <summary>
/// What one claim may take (ADR-022): free slots of this node for single runs and for runs of batches, the batches this
/// node already executes and how many it may execute at once, and each provider's <c>MaxConcurrency</c> (lower-case
/// names), which holds across all nodes.
/// </summary>
public sealed record WorkClaimLimits(
    int SingleSlots,
    int BatchSlots,
    IReadOnlySet<Guid> LocalBatches,
    int MaxLocalBatches,
    IReadOnlyDictionary<string, int> ProviderLimits);

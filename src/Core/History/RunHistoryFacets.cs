namespace Workbench.Core.History;

/// <summary>The values the history's pick lists offer (distinct values over the stored runs).</summary>
public sealed record RunHistoryFacets(
    IReadOnlyList<string> Templates,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Providers,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Authors);

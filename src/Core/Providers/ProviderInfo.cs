namespace Workbench.Core.Providers;

/// <summary>A configured provider as the settings page lists it: never the key, only the name of its variable and whether it is set.</summary>
public sealed record ProviderInfo(
    string Name,
    ProviderKind Kind,
    string? BaseUrl,
    string? ApiKeyVariable,
    bool ApiKeyPresent,
    IReadOnlyList<ProviderModelPrice> Models,
    IReadOnlyList<ProviderProblem> Problems)
{
    public bool IsSimulated => Kind == ProviderKind.Simulated;

    public bool IsUsable => Problems.Count == 0;
}

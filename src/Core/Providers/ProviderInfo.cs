namespace Workbench.Core.Providers;

/// <summary>
/// A configured provider as the settings page lists it: never the key, only the name of its variable and whether it is set.
/// <paramref name="SupportsNativeStructuredOutput"/>: the schema is sent as a JSON Schema response format (OpenAI and
/// Simulated; an openai-compatible entry with <c>NativeStructuredOutput=true</c>); otherwise it is appended to the last
/// user message as a schema hint.
/// </summary>
public sealed record ProviderInfo(
    string Name,
    ProviderKind Kind,
    string? BaseUrl,
    string? ApiKeyVariable,
    bool ApiKeyPresent,
    IReadOnlyList<ProviderModelPrice> Models,
    IReadOnlyList<ProviderProblem> Problems,
    bool SupportsNativeStructuredOutput = false)
{
    public bool IsSimulated => Kind == ProviderKind.Simulated;

    public bool IsUsable => Problems.Count == 0;
}

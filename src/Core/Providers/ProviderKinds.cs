namespace Workbench.Core.Providers;

/// <summary>Configuration spellings of <see cref="ProviderKind"/>.</summary>
public static class ProviderKinds
{
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";
    public const string OpenAICompatible = "openai-compatible";
    public const string Simulated = "simulated";

    public static IReadOnlyList<string> All { get; } = [OpenAI, Anthropic, OpenAICompatible, Simulated];

    public static bool TryParse(string? value, out ProviderKind kind)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case OpenAI: kind = ProviderKind.OpenAI; return true;
            case Anthropic: kind = ProviderKind.Anthropic; return true;
            case OpenAICompatible: kind = ProviderKind.OpenAICompatible; return true;
            case Simulated: kind = ProviderKind.Simulated; return true;
            default: kind = default; return false;
        }
    }

    public static string ToConfigValue(ProviderKind kind) => kind switch
    {
        ProviderKind.OpenAI => OpenAI,
        ProviderKind.Anthropic => Anthropic,
        ProviderKind.OpenAICompatible => OpenAICompatible,
        _ => Simulated,
    };
}

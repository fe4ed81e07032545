namespace Workbench.Core.Providers;

/// <summary>The wire protocol a provider entry speaks. Configured as <c>openai</c>, <c>anthropic</c>, <c>openai-compatible</c> or <c>simulated</c>.</summary>
public enum ProviderKind
{
    OpenAI,
    Anthropic,
    OpenAICompatible,
    Simulated,
}

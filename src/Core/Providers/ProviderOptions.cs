namespace Workbench.Core.Providers;

/// <summary>
/// One named provider, <c>Workbench:Providers:&lt;name&gt;</c>. The API key is never part of this object:
/// <see cref="ApiKeyVariable"/> names the environment variable that holds it.
/// </summary>
public sealed class ProviderOptions
{
    /// <summary><c>openai</c>, <c>anthropic</c>, <c>openai-compatible</c> or <c>simulated</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Endpoint root. Required for <c>openai-compatible</c> (e.g. <c>http://127.0.0.1:11434/v1</c>); optional otherwise.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Name of the environment variable holding the key (e.g. <c>OPENAI_API_KEY</c>); never the key itself.</summary>
    public string? ApiKeyVariable { get; set; }

    public List<ProviderModelOptions> Models { get; set; } = [];

    /// <summary>Per-attempt timeout (time until the response headers arrive; for a non-streamed call, the whole answer).</summary>
    public int TimeoutSeconds { get; set; } = 300;

    /// <summary>Transport retries after the first try (408, 429, 5xx, 529, timeouts, dropped connections).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubles per retry, with jitter. A Retry-After from the server wins.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>A server asking to wait longer than this is not retried (the wait would outlast any user).</summary>
    public int MaxRetryAfterSeconds { get; set; } = 120;

    public SimulationOptions Simulation { get; set; } = new();

    /// <summary>
    /// Most calls to this provider in flight at once (null = no limit). Held by every node's client; on PostgreSQL the
    /// claim of queued work also counts the runs of this provider executing on all nodes (ADR-022).
    /// </summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>
    /// For <c>openai-compatible</c> servers that implement OpenAI's <c>response_format: json_schema</c> (vLLM, recent
    /// Ollama, ...): send the output schema natively instead of as a hint. OpenAI and Simulated always do; Anthropic never.
    /// </summary>
    public bool NativeStructuredOutput { get; set; }

    internal ProviderKind Kind => ProviderKinds.TryParse(Type, out var kind) ? kind : ProviderKind.Simulated;

    /// <summary>The variable to read the key from: the configured one, else the provider's conventional name.</summary>
    internal string? EffectiveApiKeyVariable => !string.IsNullOrWhiteSpace(ApiKeyVariable) ? ApiKeyVariable.Trim() : Kind switch
    {
        ProviderKind.OpenAI => "OPENAI_API_KEY",
        ProviderKind.Anthropic => "ANTHROPIC_API_KEY",
        _ => null,
    };
}

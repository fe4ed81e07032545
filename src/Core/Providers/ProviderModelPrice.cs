namespace Workbench.Core.Providers;

/// <summary>A model and its prices in US dollars per million tokens; null = unknown (shown as unknown, never as zero).</summary>
public sealed record ProviderModelPrice(string Model, decimal? InputPricePerMillion, decimal? OutputPricePerMillion)
{
    /// <summary>Cost of a call, or null when a price or a token count is unknown.</summary>
    public decimal? CostUsd(long? inputTokens, long? outputTokens) =>
        InputPricePerMillion is { } input && OutputPricePerMillion is { } output && inputTokens is { } inTokens && outputTokens is { } outTokens
            ? ((inTokens * input) + (outTokens * output)) / 1_000_000m
            : null;
}

namespace Workbench.Core.Providers;

/// <summary>One entry of <c>Workbench:Providers:&lt;name&gt;:Models</c>. A price left out is unknown (null), never zero.</summary>
public sealed class ProviderModelOptions
{
    public string Name { get; set; } = "";

    /// <summary>US dollars per million input tokens; null = unknown.</summary>
    public decimal? InputPricePerMillion { get; set; }

    /// <summary>US dollars per million output tokens; null = unknown.</summary>
    public decimal? OutputPricePerMillion { get; set; }
}

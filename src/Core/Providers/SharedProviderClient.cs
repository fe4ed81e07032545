namespace Workbench.Core.Providers;

/// <summary>
/// A chat client shared by runs (<see cref="ProviderCatalog.GetShared"/>) with the provider's description (structured
/// output support, model prices) taken when it was built.
/// </summary>
public sealed record SharedProviderClient(ProviderClientResult Result, ProviderInfo? Info)
{
    /// <summary>The price of <paramref name="model"/>, or unknown prices when the model is not listed.</summary>
    public ProviderModelPrice PriceOf(string model) =>
        Info?.Models.FirstOrDefault(m => string.Equals(m.Model, model, StringComparison.OrdinalIgnoreCase))
        ?? new ProviderModelPrice(model, null, null);
}

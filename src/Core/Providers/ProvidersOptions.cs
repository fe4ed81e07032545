namespace Workbench.Core.Providers;

/// <summary>
/// Bound from the <c>Workbench</c> section: the named entries under <c>Workbench:Providers</c>.
/// A provider named <c>simulated</c> of type <c>simulated</c> always exists, configured or not.
/// </summary>
public sealed class ProvidersOptions
{
    public const string SectionName = "Workbench";
    public const string ProvidersKey = "Workbench:Providers";
    public const string SimulatedProviderName = "simulated";

    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds the built-in simulated provider when the configuration does not define one.</summary>
    internal void EnsureSimulated()
    {
        if (Providers.Comparer != StringComparer.OrdinalIgnoreCase)
        {
            Providers = new Dictionary<string, ProviderOptions>(Providers, StringComparer.OrdinalIgnoreCase);
        }

        if (!Providers.TryGetValue(SimulatedProviderName, out var simulated))
        {
            simulated = new ProviderOptions { Type = ProviderKinds.Simulated };
            Providers[SimulatedProviderName] = simulated;
        }
        else if (string.IsNullOrWhiteSpace(simulated.Type))
        {
            simulated.Type = ProviderKinds.Simulated;
        }

        if (simulated.Kind == ProviderKind.Simulated && simulated.Models.Count == 0)
        {
            // The simulated provider is free: its price is known to be zero (not unknown).
            simulated.Models.Add(new ProviderModelOptions { Name = "simulated-json", InputPricePerMillion = 0, OutputPricePerMillion = 0 });
            simulated.Models.Add(new ProviderModelOptions { Name = "simulated-prose", InputPricePerMillion = 0, OutputPricePerMillion = 0 });
        }
    }
}

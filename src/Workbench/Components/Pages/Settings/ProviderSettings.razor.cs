using System.Globalization;
using Microsoft.AspNetCore.Components;
using Workbench.Core.Providers;

namespace Workbench.Components.Pages.Settings;

/// <summary>Which providers are configured and reachable, with a connection test; keys are never shown.</summary>
public partial class ProviderSettings : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly HashSet<string> _testing = [];
    private readonly Dictionary<string, ProviderStatus> _results = [];
    private IReadOnlyList<ProviderInfo> _providers = [];

    [Inject] public required ProviderCatalog Catalog { get; init; }

    protected override void OnInitialized() => _providers = Catalog.Providers;

    internal static string KindLabel(ProviderInfo provider) => provider.Kind switch
    {
        ProviderKind.OpenAI => "OpenAI",
        ProviderKind.Anthropic => "Anthropic",
        ProviderKind.OpenAICompatible => "OpenAI-compatible",
        _ => "Simulated",
    };

    internal static string Price(ProviderModelPrice model) =>
        model.InputPricePerMillion is { } input && model.OutputPricePerMillion is { } output
            ? string.Create(CultureInfo.InvariantCulture, $"${input:0.####} in / ${output:0.####} out per million tokens")
            : "price unknown (cost shown as unknown)";

    private async Task TestAsync(string provider)
    {
        _testing.Add(provider);
        try
        {
            _results[provider] = await Catalog.TestConnectionAsync(provider, _lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            _testing.Remove(provider);
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}

namespace Workbench.Core.Providers;

/// <summary>Builds the <see cref="Microsoft.Extensions.AI.IChatClient"/> for a configured provider and model.</summary>
public interface IChatClientFactory
{
    /// <summary>Problems are reported before any request is made; a built client throws only <see cref="ProviderCallException"/> (or cancellation).</summary>
    ProviderClientResult Create(string provider, string model);
}

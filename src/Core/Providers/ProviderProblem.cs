namespace Workbench.Core.Providers;

/// <summary>
/// Why a provider cannot be used, found before any request: <see cref="Key"/> names the configuration key or the
/// environment variable to fix. Never contains a key value.
/// </summary>
public sealed record ProviderProblem(string Provider, string Key, string Message)
{
    public override string ToString() => Message;
}

namespace Workbench.Core.Providers;

/// <summary>Result of a connection test: reachable or not, and why, in words safe to show (no key, no headers).</summary>
public sealed record ProviderStatus(string Provider, bool Configured, bool Reachable, int? HttpStatus, string Message, TimeSpan? Latency);

namespace Workbench.Hosting;

/// <summary>Where the app will listen (from <c>urls</c>, <c>http_ports</c>/<c>https_ports</c> and Kestrel endpoints) and whether that may be the network.</summary>
public sealed class NetworkExposureOptions
{
    public const string AllowKey = "Workbench:Security:AllowUnauthenticatedNetworkAccess";

    /// <summary>Each configured listening address with the setting it came from.</summary>
    public List<(string Address, string Setting)> Addresses { get; } = [];

    /// <summary>Team mode (<c>Workbench:Security:Mode=team</c>): everyone signs in, so any address is allowed.</summary>
    public bool TeamMode { get; set; }

    /// <summary>An explicit opt-out for deployments behind an authenticating reverse proxy.</summary>
    public bool AllowUnauthenticatedNetworkAccess { get; set; }
}

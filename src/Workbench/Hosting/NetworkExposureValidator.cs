using System.Net;
using Microsoft.Extensions.Options;

namespace Workbench.Hosting;

/// <summary>
/// Fail closed: local mode has no sign-in (everyone is "local" with every role), so listening on anything but loopback
/// would hand every prompt and run to whoever can reach the port. Start-up stops with a message naming the setting,
/// unless team mode is on (everyone signs in) or the operator explicitly opts out (an authenticating proxy in front),
/// which is logged as a warning.
/// </summary>
public sealed class NetworkExposureValidator : IValidateOptions<NetworkExposureOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkExposureOptions options)
    {
        if (options.TeamMode || options.AllowUnauthenticatedNetworkAccess)
        {
            return ValidateOptionsResult.Success;
        }

        var exposed = options.Addresses.Where(a => !IsLoopback(a.Address)).ToList();
        if (exposed.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(exposed.Select(a =>
            $"The app is set to listen on '{a.Address}' (setting '{a.Setting}'), which other machines can reach, but the app is in local mode " +
            $"(no sign-in): set {Workbench.Security.SecurityOptions.ModeKey}=team so everyone signs in, bind to localhost or 127.0.0.1 instead, " +
            $"or set {NetworkExposureOptions.AllowKey}=true only if an authenticating reverse proxy protects the app."));
    }

    /// <summary>True for localhost, 127.0.0.0/8 and ::1; false for wildcards (*, +, 0.0.0.0, [::]) and every other host.</summary>
    public static bool IsLoopback(string address)
    {
        var host = address;
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = address[(scheme + 3)..];
        }

        host = host.Split('/')[0];
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}

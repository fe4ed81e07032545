using System.Net;

namespace Workbench.Security;

/// <summary>
/// The one-time setup page: team mode, no account yet, and a request from this machine (loopback remote address, no
/// forwarding headers, so a local reverse proxy does not make every visitor look local).
/// </summary>
public sealed class SetupAccess(UserAdministration users, Microsoft.Extensions.Options.IOptions<SecurityOptions> options)
{
    public static bool IsFromLoopback(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        return remote is not null
            && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For")
            && !context.Request.Headers.ContainsKey("Forwarded");
    }

    /// <summary>Null when setup may proceed, otherwise why not.</summary>
    public async Task<string?> WhyNotAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsTeam)
        {
            return $"Setup is only for team mode ({SecurityOptions.ModeKey}=team). In local mode there is nothing to set up.";
        }

        if (!IsFromLoopback(context))
        {
            return "Setup is only available from a browser on the machine that runs the app (a loopback address).";
        }

        return await users.AnyUserAsync(cancellationToken)
            ? "Setup is done: an account already exists. Sign in instead."
            : null;
    }
}

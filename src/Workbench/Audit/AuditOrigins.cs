using System.Net;
using System.Security.Claims;
using Workbench.Core.Audit;

namespace Workbench.Audit;

/// <summary>Builds the <see cref="AuditOrigin"/> of a request or circuit event from its principal and remote address.</summary>
public static class AuditOrigins
{
    public static AuditOrigin From(ClaimsPrincipal? principal, IPAddress? remoteAddress)
    {
        var signedIn = principal?.Identity is { IsAuthenticated: true };
        return new AuditOrigin(
            signedIn ? principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            signedIn ? principal!.Identity!.Name : null,
            Format(remoteAddress));
    }

    /// <summary>The address as text; IPv4 mapped into IPv6 is shown as IPv4.</summary>
    public static string? Format(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

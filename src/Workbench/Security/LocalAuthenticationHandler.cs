using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Workbench.Hosting;

namespace Workbench.Security;

/// <summary>
/// Local mode: every request is the single user "local" with the admin role, so the same policies run in both modes.
/// Only registered when <c>Workbench:Security:Mode</c> is local, which start-up allows on loopback addresses only.
/// </summary>
internal sealed class LocalAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Local";

    public static ClaimsPrincipal CreatePrincipal() => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, CurrentUser.LocalUserName),
            new Claim(ClaimTypes.Name, CurrentUser.LocalUserName),
            new Claim(ClaimTypes.Role, Roles.Admin),
        ],
        SchemeName));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(CreatePrincipal(), SchemeName)));
}

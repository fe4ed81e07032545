using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Workbench.Audit;
using Workbench.Core.Audit;

namespace Workbench.Security;

/// <summary>
/// Team mode, <c>/api</c> only: <c>Authorization: Bearer pwb_…</c>. A valid token signs the request in as its owner
/// with the lower of the owner's current role and the token's cap. An unknown, revoked or expired token, or one whose
/// owner is disabled, gets 401 problem details saying which (never echoing the token).
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The claim holding the id of the token a request was authenticated with.</summary>
    public const string TokenIdClaim = "workbench:token_id";

    private const string BearerPrefix = "Bearer ";

    /// <summary>True for an <c>/api</c> request that carries a bearer credential: the token scheme decides it, not the cookie.</summary>
    public static bool HasBearer(HttpRequest request) =>
        ApiProblems.IsApiRequest(request)
        && request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        ApiTokenCheck check;

        // Authentication runs before the request's audit context is set: give a refusal entry the client address.
        using (AuditContext.Use(AuditContext.Current ?? new AuditOrigin(null, null, AuditOrigins.Format(Context.Connection.RemoteIpAddress))))
        {
            check = await tokens.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        }

        if (!check.Succeeded)
        {
            return AuthenticateResult.Fail(check.Describe());
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, check.UserId!),
                new Claim(ClaimTypes.Name, check.UserName!),
                new Claim(ClaimTypes.Role, check.Role!),
                new Claim(TokenIdClaim, check.TokenId.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await ApiProblems.WriteUnauthorizedAsync(Context, result.Failure?.Message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiProblems.WriteForbiddenAsync(Context);
}

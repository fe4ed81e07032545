using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;

namespace Workbench.Security;

/// <summary>
/// OpenID Connect sign-in (team mode, when <c>Workbench:Security:Oidc:Authority</c> is set). The identity provider
/// signs the user into the external cookie; the callback finds the account by verified e-mail (or creates it with the
/// mapped or default role), applies a mapped role claim when one is sent, and issues the normal sign-in cookie.
/// </summary>
internal static class OidcSignIn
{
    public const string StartPath = "/account/external-sign-in";
    public const string CallbackPath = "/account/external-callback";

    /// <summary>The details every OpenID Connect audit entry starts with.</summary>
    internal const string Via = "OpenID Connect";

    public static AuthenticationBuilder AddWorkbenchOidc(this AuthenticationBuilder builder, OidcSettings settings)
    {
        builder.AddOpenIdConnect(OidcSettings.Scheme, settings.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = string.IsNullOrWhiteSpace(settings.ClientSecretVariable) ? null : Environment.GetEnvironmentVariable(settings.ClientSecretVariable);
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.CallbackPath = "/signin-oidc";
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.MapInboundClaims = false;
            o.Scope.Clear();
            o.Scope.Add(OpenIdConnectScope.OpenId);
            foreach (var scope in settings.EffectiveScopes.Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                o.Scope.Add(scope.Trim());
            }

            o.ClaimActions.MapJsonKey(settings.RoleClaim, settings.RoleClaim);
            o.TokenValidationParameters.NameClaimType = "email";
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapOidcEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(StartPath, Start).AllowAnonymous();
        endpoints.MapGet(CallbackPath, CallbackAsync).AllowAnonymous();
        return endpoints;
    }

    private static IResult Start([FromForm] string? returnUrl, IOptions<SecurityOptions> options)
    {
        if (!options.Value.IsTeam || !options.Value.Oidc.IsConfigured)
        {
            return TypedResults.NotFound();
        }

        var callback = $"{CallbackPath}?returnUrl={Uri.EscapeDataString(Components.Account.Pages.SignIn.LocalReturnUrl(returnUrl))}";
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = callback }, [OidcSettings.Scheme]);
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, string? returnUrl, IOptions<SecurityOptions> options, UserAdministration users, AuditTrail audit)
    {
        if (!options.Value.IsTeam || !options.Value.Oidc.IsConfigured)
        {
            return TypedResults.NotFound();
        }

        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        var signInManager = context.RequestServices.GetRequiredService<SignInManager<WorkbenchUser>>();
        var user = await LinkAccountAsync(external.Principal, options.Value.Oidc, signInManager.UserManager, users, audit, context.RequestAborted);
        if (user is null)
        {
            return TypedResults.LocalRedirect($"~{AccountEndpoints.SignInPath}?external=failed");
        }

        await signInManager.SignInAsync(user, isPersistent: false, authenticationMethod: OidcSettings.Scheme);
        return TypedResults.LocalRedirect("~" + Components.Account.Pages.SignIn.LocalReturnUrl(returnUrl));
    }

    /// <summary>
    /// The account the identity provider's <paramref name="principal"/> signs in as, or null when it is refused. Finds
    /// the account by verified e-mail or creates it (mapped or default role), applies a mapped role claim when it
    /// differs from the account's role, and audits each step (ADR-016): <c>user.created</c> and
    /// <c>user.role-changed</c> with the account itself as actor, then <c>signin.succeeded</c> or
    /// <c>signin.failed</c> with details starting "OpenID Connect". The caller issues the cookie right after.
    /// </summary>
    internal static async Task<WorkbenchUser?> LinkAccountAsync(ClaimsPrincipal? principal, OidcSettings settings, UserManager<WorkbenchUser> userManager, UserAdministration users, AuditTrail audit, CancellationToken cancellationToken)
    {
        var email = (principal?.FindFirstValue("email") ?? principal?.FindFirstValue(ClaimTypes.Email))?.Trim();
        var verified = principal?.FindFirstValue("email_verified");
        if (principal is null || string.IsNullOrWhiteSpace(email) || string.Equals(verified, "false", StringComparison.OrdinalIgnoreCase))
        {
            var why = principal is null ? "the identity provider's answer could not be read." : "the identity provider sent no verified e-mail address.";
            await audit.RecordAsync(new(AuditActions.SignInFailed, AuditTargets.User, null, null, $"{Via}: {why}") { ActorName = Hosting.CurrentUser.AnonymousName }, cancellationToken);
            return null;
        }

        var mapped = Roles.Highest(principal.FindAll(settings.RoleClaim).Select(c => settings.RoleMapping.TryGetValue(c.Value, out var role) ? role : ""));
        var user = await FindAsync(userManager, email, cancellationToken);

        // The account acts on itself: provisioning and claim-driven role changes are recorded with it as actor.
        using (AuditContext.Use(new AuditOrigin(user?.Id, email, AuditContext.Current?.ClientIp)))
        {
            if (user is null)
            {
                var created = await users.CreateAsync(email, mapped ?? settings.DefaultRole, password: null, $"provisioned at {Via} sign-in", cancellationToken);
                if (!created.Succeeded)
                {
                    await audit.RecordAsync(new(AuditActions.SignInFailed, AuditTargets.User, null, email, $"{Via}: the account could not be created: {created.Error}") { ActorName = email }, cancellationToken);
                    return null;
                }
            }
            else if (mapped is not null && !string.Equals(Roles.Highest(await userManager.GetRolesAsync(user)), mapped, StringComparison.Ordinal))
            {
                // A refusal (e.g. demoting the last admin) keeps the account's role; the sign-in goes on.
                await users.SetRoleAsync(user.Id, mapped, $"from the '{settings.RoleClaim}' claim at {Via} sign-in", cancellationToken);
            }
        }

        // Read again, untracked: creating or changing the role renewed the security stamp the cookie must carry.
        user = await FindAsync(userManager, email, cancellationToken);
        if (user is null || await userManager.IsLockedOutAsync(user))
        {
            var why = user is null ? "the account no longer exists." : user.LockoutEnd == DateTimeOffset.MaxValue ? "the account is disabled." : "the account is locked out.";
            await audit.RecordAsync(new(AuditActions.SignInFailed, AuditTargets.User, user?.Id, email, $"{Via}: {why}") { ActorId = user?.Id, ActorName = email }, cancellationToken);
            return null;
        }

        await audit.RecordAsync(new(AuditActions.SignInSucceeded, AuditTargets.User, user.Id, user.UserName, Via) { ActorId = user.Id, ActorName = user.UserName }, cancellationToken);
        return user;
    }

    private static Task<WorkbenchUser?> FindAsync(UserManager<WorkbenchUser> userManager, string email, CancellationToken cancellationToken)
    {
        var normalized = userManager.NormalizeName(email);
        return userManager.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
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

    private static async Task<IResult> CallbackAsync(HttpContext context, string? returnUrl, IOptions<SecurityOptions> options, UserAdministration users)
    {
        if (!options.Value.IsTeam || !options.Value.Oidc.IsConfigured)
        {
            return TypedResults.NotFound();
        }

        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        var principal = external.Principal;
        var email = principal?.FindFirstValue("email") ?? principal?.FindFirstValue(ClaimTypes.Email);
        var verified = principal?.FindFirstValue("email_verified");
        if (principal is null || string.IsNullOrWhiteSpace(email) || string.Equals(verified, "false", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.LocalRedirect($"~{AccountEndpoints.SignInPath}?external=failed");
        }

        var settings = options.Value.Oidc;
        var mapped = Roles.Highest(principal.FindAll(settings.RoleClaim).Select(c => settings.RoleMapping.TryGetValue(c.Value, out var role) ? role : ""));
        var signInManager = context.RequestServices.GetRequiredService<SignInManager<WorkbenchUser>>();
        var user = await signInManager.UserManager.FindByNameAsync(email);
        if (user is null)
        {
            var created = await users.CreateAsync(email, mapped ?? settings.DefaultRole, password: null, context.RequestAborted);
            if (!created.Succeeded)
            {
                return TypedResults.LocalRedirect($"~{AccountEndpoints.SignInPath}?external=failed");
            }

            user = await signInManager.UserManager.FindByNameAsync(email);
        }
        else if (mapped is not null)
        {
            await users.SetRoleAsync(user.Id, mapped, context.RequestAborted);
        }

        if (user is null || await signInManager.UserManager.IsLockedOutAsync(user))
        {
            return TypedResults.LocalRedirect($"~{AccountEndpoints.SignInPath}?external=failed");
        }

        await signInManager.SignInAsync(user, isPersistent: false, authenticationMethod: OidcSettings.Scheme);
        return TypedResults.LocalRedirect("~" + Components.Account.Pages.SignIn.LocalReturnUrl(returnUrl));
    }
}

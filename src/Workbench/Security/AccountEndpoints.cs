using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;

namespace Workbench.Security;

/// <summary>Sign-out is a form post (antiforgery-checked), never a link a page could trigger.</summary>
internal static class AccountEndpoints
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string PasswordPath = "/account/password";
    public const string SetupPath = "/setup";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignOutPath, SignOutAsync).AllowAnonymous();
        endpoints.MapOidcEndpoints();
        return endpoints;
    }

    private static async Task<IResult> SignOutAsync([FromForm] string? returnUrl, IOptions<SecurityOptions> options, IServiceProvider services, HttpContext context)
    {
        // The form parameter is what makes minimal APIs validate the antiforgery token (400 without a valid one).
        _ = returnUrl;
        if (!options.Value.IsTeam)
        {
            return TypedResults.LocalRedirect("~/");
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            await services.GetRequiredService<AuditTrail>().RecordAsync(new(AuditActions.SignOut, AuditTargets.User, AuditContext.Current?.UserId, context.User.Identity.Name));
        }

        await services.GetRequiredService<SignInManager<WorkbenchUser>>().SignOutAsync();
        return TypedResults.LocalRedirect($"~{SignInPath}?signedOut=1");
    }
}

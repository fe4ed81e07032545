using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Workbench.Hosting;

/// <summary>
/// Who is acting: the one place pages, components and endpoints get the user's name. In a circuit or a
/// server-rendered page it is the authentication state; in a plain endpoint, the request's user. In local mode that
/// is "local"; in team mode the signed-in account's user name (its e-mail address).
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, IHttpContextAccessor httpContextAccessor)
{
    public const string LocalUserName = "local";

    /// <summary>Stands in for a name when nobody is signed in; data-changing actions are refused before it is used.</summary>
    public const string AnonymousName = "anonymous";

    public ClaimsPrincipal Principal
    {
        get
        {
            try
            {
                var state = authentication.GetAuthenticationStateAsync();
                if (state.IsCompletedSuccessfully)
                {
                    return state.Result.User;
                }
            }
            catch (InvalidOperationException)
            {
                // Not a circuit or a rendered page (no authentication state was set): use the request.
            }

            return httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
        }
    }

    public string Name => Principal.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : AnonymousName;

    /// <summary>The account id (team mode) or "local"; null when nobody is signed in.</summary>
    public string? Id => Principal.Identity?.IsAuthenticated == true ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}

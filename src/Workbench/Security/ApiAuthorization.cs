using Microsoft.AspNetCore.Http.HttpResults;

namespace Workbench.Security;

/// <summary>
/// The hook every <c>/api</c> route group calls: at least <see cref="Policies.CanRead"/> for the whole group; endpoints
/// that change data add <see cref="Policies.CanEdit"/> (or higher) with <c>RequireAuthorization</c>. Unauthenticated
/// requests get 401 and forbidden ones 403, as problem details, never a redirect to the sign-in page.
/// </summary>
public static class ApiAuthorization
{
    public static RouteGroupBuilder Apply(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.RequireAuthorization(Policies.CanRead);
    }

    /// <summary>Maps <c>GET /api/me</c>: who the caller is and what role they act with.</summary>
    public static RouteGroupBuilder MapIdentityEndpoints(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/me", GetMe).WithName("GetMe");
        return group;
    }

    internal static Ok<MeResponse> GetMe(HttpContext context)
    {
        var user = context.User;
        var role = Roles.Highest(Roles.All.Where(user.IsInRole)) ?? Roles.Viewer;
        return TypedResults.Ok(new MeResponse(user.Identity?.Name ?? "", role));
    }
}

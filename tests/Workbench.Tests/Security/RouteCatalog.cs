using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Security;

namespace Workbench.Tests.Security;

/// <summary>
/// Every routable page (by reflection) and every API endpoint (from the app's endpoint data source), with the policy
/// that guards it, so a new page or endpoint is in the role matrix without anyone adding it.
/// </summary>
public static partial class RouteCatalog
{
    /// <summary>Pages meant for people who are not signed in (or error pages everyone must see).</summary>
    public static readonly IReadOnlySet<string> AnonymousPages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/account/sign-in", "/setup", "/not-found", "/Error", "/status/{Code:int}",
    };

    public sealed record Page(Type Component, string Template, string Url, string? Policy, bool AllowAnonymous);

    public sealed record ApiEndpoint(string Method, string Pattern, string Url, IReadOnlyList<string> Policies, bool AllowAnonymous);

    public static IReadOnlyList<Page> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => new Page(
                t,
                r.Template,
                Concrete(r.Template),
                t.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Policy).LastOrDefault(p => p is not null),
                t.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null)))
            .OrderBy(p => p.Template, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<ApiEndpoint> ApiEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(ApiProblems.ApiPrefix + "/", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new ApiEndpoint(
                method,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                Concrete("/" + e.RoutePattern.RawText!.TrimStart('/')),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList(),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .ToList();

    /// <summary>The lowest role that passes every one of <paramref name="policies"/> (the strictest wins).</summary>
    public static string MinimumRole(IEnumerable<string> policies) =>
        policies.Select(p => Workbench.Security.Policies.MinimumRole[p]).Aggregate(Roles.Viewer, (a, b) => Roles.Includes(a, b) ? a : b);

    /// <summary>Fills route parameters with values of the right shape (ids that do not exist are fine: the page says so).</summary>
    private static string Concrete(string template) => Parameter().Replace(template, m => m.Groups[2].Value switch
    {
        "guid" => Guid.NewGuid().ToString(),
        "int" => "404",
        _ => "x",
    });

    [GeneratedRegex(@"\{(\w+)(?::(\w+))?\??\}")]
    private static partial Regex Parameter();
}

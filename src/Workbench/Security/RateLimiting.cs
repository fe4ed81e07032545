using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>
/// Team mode's request limits (ASP.NET Core rate limiter, fixed windows): sign-in posts per client address and
/// <c>/api</c> per token, account or address. A refused request gets 429 problem details with <c>Retry-After</c>.
/// Runs after authentication (so the API partition is the caller) and before authorization (so unauthenticated
/// guessing is limited too). Local mode has one user on loopback and no limits.
/// </summary>
internal static class RateLimiting
{
    public static IServiceCollection AddWorkbenchRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            var rules = security.Value.RateLimits;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => WriteRejectedAsync(context.HttpContext, context.Lease, rules);
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, rules));
        });
        return services;
    }

    internal static RateLimitPartition<string> Partition(HttpContext context, RateLimitRules rules)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.Equals(AccountEndpoints.SignInPath, StringComparison.OrdinalIgnoreCase)
            && rules.SignInPerAddress.IsOn)
        {
            return Fixed("sign-in:" + address, rules.SignInPerAddress);
        }

        if (ApiProblems.IsApiRequest(context.Request) && rules.Api.IsOn)
        {
            var user = context.User;
            var caller = user.FindFirstValue(ApiTokenAuthenticationHandler.TokenIdClaim) is { } tokenId ? "token:" + tokenId
                : user.Identity?.IsAuthenticated == true ? "user:" + user.FindFirstValue(ClaimTypes.NameIdentifier)
                : "address:" + address;
            return Fixed("api:" + caller, rules.Api);
        }

        return RateLimitPartition.GetNoLimiter("none");
    }

    private static RateLimitPartition<string> Fixed(string key, RateLimitRule rule) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = rule.PermitLimit, Window = rule.Window, QueueLimit = 0 });

    private static ValueTask WriteRejectedAsync(HttpContext context, RateLimitLease lease, RateLimitRules rules)
    {
        var window = ApiProblems.IsApiRequest(context.Request) ? rules.Api.Window : rules.SignInPerAddress.Window;
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var r) ? r : window;
        return WriteTooManyAsync(context, retry, ApiProblems.IsApiRequest(context.Request) ? "API requests" : "sign-in attempts from this address");
    }

    /// <summary>429 problem details with <c>Retry-After</c> in whole seconds.</summary>
    public static async ValueTask WriteTooManyAsync(HttpContext context, TimeSpan retryAfter, string what)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            $"Too many {what}. Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests").ExecuteAsync(context);
    }

    public static WebApplication UseWorkbenchRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.IsTeam)
        {
            app.UseRateLimiter();
        }

        return app;
    }
}

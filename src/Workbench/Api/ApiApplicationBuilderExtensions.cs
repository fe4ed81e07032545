namespace Workbench.Api;

/// <summary>
/// The request pipeline of <c>/api</c>: problem details JSON instead of the HTML error and not-found pages, and no
/// requests that a browser sends on behalf of another site.
/// </summary>
internal static class ApiApplicationBuilderExtensions
{
    public const string PathPrefix = "/api";

    public static bool IsApiRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Call after the app-wide exception handler and status code pages: for API requests this inner pair answers first.
    /// An unhandled exception becomes a 500 problem with the correlation id the (redacted) log carries, never the
    /// exception's text; an error status with no body (405 from routing, ...) gets a problem body, so the outer
    /// re-execute to the Blazor not-found page leaves it alone.
    /// </summary>
    public static IApplicationBuilder UseWorkbenchApi(this IApplicationBuilder app) =>
        app.UseWhen(IsApiRequest, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteUnhandledAsync });
            api.UseStatusCodePages();
            api.Use((context, next) => IsCrossSiteBrowserRequest(context.Request) ? RefuseCrossSite(context) : next(context));
        });

    /// <summary>
    /// A request a browser sent on behalf of another site (<c>Sec-Fetch-Site</c> cross-site or same-site, or an
    /// <c>Origin</c> that is not this host). The API has no CORS and no antiforgery token: without this check a page
    /// elsewhere could still fire body-less "simple" requests such as a cancel. Clients that are not browsers send neither header.
    /// </summary>
    public static bool IsCrossSiteBrowserRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }

    private static Task RefuseCrossSite(HttpContext context) => ApiProblems.Status(
        StatusCodes.Status403Forbidden,
        "Cross-site request refused.",
        "The API does not accept requests that a browser sends on behalf of another site.")
        .ExecuteAsync(context);

    private static Task WriteUnhandledAsync(HttpContext context)
    {
        var id = context.TraceIdentifier;
        return ApiProblems.Status(
            StatusCodes.Status500InternalServerError,
            "An unexpected error occurred.",
            $"The server could not complete this request. Quote correlation id {id} when reporting it.")
            .ExecuteAsync(context);
    }
}

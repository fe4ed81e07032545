namespace Workbench.Api;

/// <summary>Error handling for requests under <c>/api</c>: problem details JSON instead of the HTML error and not-found pages.</summary>
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
    public static IApplicationBuilder UseWorkbenchApiErrors(this IApplicationBuilder app) =>
        app.UseWhen(IsApiRequest, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteUnhandledAsync });
            api.UseStatusCodePages();
        });

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

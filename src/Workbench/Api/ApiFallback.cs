using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace Workbench.Api;

/// <summary>
/// Answers any <c>/api/...</c> request no endpoint took: 405 with an <c>Allow</c> header when the path exists for other
/// methods, else a 404 problem (never the Blazor not-found page).
/// </summary>
internal static class ApiFallback
{
    public static IResult Handle(HttpContext context, EndpointDataSource endpoints)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(endpoints);
        var method = context.Request.Method;
        var path = context.Request.Path;
        var matching = endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ApiFallbackMarker>() is null && Matches(e, path))
            .ToList();
        var allowed = matching
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        if (allowed.Count > 0 && !allowed.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return ApiProblems.Status(
                StatusCodes.Status405MethodNotAllowed,
                "Method not allowed.",
                $"{method} is not allowed on {path}; use {string.Join(" or ", allowed)}.");
        }

        // The endpoint for this method declares the body types it accepts and routing refused this one.
        var accepts = matching
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase) == true)
            .Select(e => e.Metadata.GetMetadata<IAcceptsMetadata>())
            .OfType<IAcceptsMetadata>()
            .FirstOrDefault();
        if (accepts is { ContentTypes.Count: > 0 })
        {
            var given = string.IsNullOrEmpty(context.Request.ContentType) ? "no Content-Type" : $"Content-Type '{Truncate(context.Request.ContentType)}'";
            return ApiProblems.Status(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type.",
                $"Send the body as JSON with 'Content-Type: {accepts.ContentTypes[0]}'; this request has {given}.");
        }

        // Otherwise a route constraint refused the path (a version that is not a number): not found.
        return ApiProblems.NotFound($"There is no API endpoint for {method} {path}. The API is described at /openapi/{ApiServiceCollectionExtensions.DocumentName}.json.");
    }

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static bool Matches(RouteEndpoint endpoint, PathString path)
    {
        if (endpoint.RoutePattern.RawText is null || !endpoint.RoutePattern.RawText.TrimStart('/').StartsWith("api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var matcher = new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary());
        return matcher.TryMatch(path, new RouteValueDictionary());
    }
}

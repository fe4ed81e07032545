namespace Workbench.Security;

/// <summary>Problem-details answers for API requests that fail authentication or authorization (never a redirect).</summary>
internal static class ApiProblems
{
    public const string ApiPrefix = "/api";

    public const string MissingCredentials =
        "This API needs a valid personal access token: send 'Authorization: Bearer pwb_…' (create one under Account → API tokens, /account/tokens).";

    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase);

    public static Task WriteUnauthorizedAsync(HttpContext context, string? detail = null)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            string.IsNullOrEmpty(detail) ? MissingCredentials : detail,
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Not authenticated").ExecuteAsync(context);
    }

    public static Task WriteForbiddenAsync(HttpContext context) =>
        TypedResults.Problem(
            "Your role does not allow this request.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden").ExecuteAsync(context);
}

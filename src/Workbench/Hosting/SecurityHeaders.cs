namespace Workbench.Hosting;

/// <summary>
/// Response headers that make the browser refuse what the app never needs: framing, MIME sniffing, referrers,
/// plugins, and scripts from anywhere but this origin. Styles allow inline because MudBlazor positions popovers
/// with style attributes. The only inline script, Blazor's import map, carries a per-response nonce.
/// </summary>
public static class SecurityHeaders
{
    public const string NonceItemKey = "workbench.csp-nonce";

    public const string ContentSecurityPolicyTemplate =
        "default-src 'self'; " +
        "script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Hex, not base64: Razor HTML-encodes "+" in the attribute (&#x2B;), which made the rendered nonce differ from the header text.
            var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            context.Items[NonceItemKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers.ContentSecurityPolicy = ContentSecurityPolicyTemplate.Replace("{nonce}", nonce, StringComparison.Ordinal);
                return Task.CompletedTask;
            });
            await next();
        });
}


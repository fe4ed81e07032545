using Microsoft.AspNetCore.Diagnostics;

namespace Workbench.Privacy;

/// <summary>Logs an unhandled request exception (redacted, like every log) with the correlation id the /Error page shows,
/// then lets the exception handler re-execute /Error.</summary>
internal sealed class CorrelatingExceptionHandler(ILogger<CorrelatingExceptionHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        PrivacyLog.UnhandledRequestException(logger, exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
        return ValueTask.FromResult(false);
    }
}

using Microsoft.AspNetCore.Components;

namespace Workbench.Components.Pages;

public partial class Error
{
    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    /// <summary>The request's trace identifier; the redacted log entry of the exception carries the same id.</summary>
    private string? CorrelationId => HttpContext?.TraceIdentifier;
}

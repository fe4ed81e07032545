using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Workbench.Privacy;

namespace Workbench.Components.Shared;

/// <summary>An error boundary that logs the exception (redacted, like every log) with a correlation id and shows the user
/// a friendly message with that id instead of exception details.</summary>
public partial class FriendlyErrorBoundary
{
    [Inject] public required ILogger<FriendlyErrorBoundary> Logger { get; init; }

    /// <summary>
    /// Around the dialog provider: an exception in a dialog (its handlers run outside the page's boundary) closes the
    /// dialogs with a message instead of ending the whole session.
    /// </summary>
    [Parameter] public bool ForDialogs { get; set; }

    /// <summary>Id of the last error, shown to the user and written into the log entry.</summary>
    public string? CorrelationId { get; private set; }

    protected override Task OnErrorAsync(Exception exception)
    {
        CorrelationId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        PrivacyLog.UnhandledPageException(Logger, exception, CorrelationId);
        return Task.CompletedTask;
    }
}

using Microsoft.Extensions.Logging;

namespace Workbench.Core.Providers;

/// <summary>Provider log lines. None carries prompt or output text, headers or keys.</summary>
internal static partial class ProviderLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider}: try {FailedTry} failed ({Outcome}); retrying in {WaitMs} ms")]
    public static partial void TransportRetry(ILogger logger, string provider, int failedTry, string outcome, long waitMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {Provider}: call failed ({Kind}, HTTP {Status})")]
    public static partial void CallFailed(ILogger logger, string provider, ProviderFailureKind kind, int? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider {Provider}: call cancelled")]
    public static partial void CallCancelled(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider {Provider}: connection test {Outcome}")]
    public static partial void ConnectionTested(ILogger logger, string provider, string outcome);
}

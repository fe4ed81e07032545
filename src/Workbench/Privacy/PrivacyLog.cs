namespace Workbench.Privacy;

internal static partial class PrivacyLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is false: prompts, outputs and exports are NOT redacted. Logs, errors and telemetry are still redacted.")]
    public static partial void RedactionDisabled(ILogger logger, string setting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is true: Debug and Trace logging is allowed and may include prompt content (redacted). Turn it off after diagnosing.")]
    public static partial void DebugLoggingEnabled(ILogger logger, string setting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry is on: traces, metrics and logs go to {Endpoint} (content attributes included: {IncludeContent}).")]
    public static partial void TelemetryEnabled(ILogger logger, Uri? endpoint, bool includeContent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while handling {Method} {Path} (correlation id {CorrelationId}).")]
    public static partial void UnhandledRequestException(ILogger logger, Exception exception, string method, string path, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in a page (correlation id {CorrelationId}).")]
    public static partial void UnhandledPageException(ILogger logger, Exception exception, string correlationId);
}

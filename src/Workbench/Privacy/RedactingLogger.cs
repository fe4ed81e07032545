namespace Workbench.Privacy;

/// <summary>Wraps the logger of every category: formatted message, structured values, scopes and exception text are
/// redacted before any provider sees them; Debug/Trace are dropped unless explicitly enabled.</summary>
internal sealed class RedactingLogger(ILogger inner, LogRedaction redaction) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        inner.BeginScope(RedactedLogState.Create(state, redaction.Redact(state.ToString()), redaction));

    public bool IsEnabled(LogLevel logLevel) => redaction.Allows(logLevel) && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        var message = redaction.Redact(formatter(state, exception));
        var redactedState = RedactedLogState.Create(state, message, redaction);
        var redactedException = exception is null ? null : RedactedException.From(exception, redaction);
        inner.Log(logLevel, eventId, redactedState, redactedException, static (s, _) => s.Message);
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workbench.Core.Tests.Providers.Fakes;

/// <summary>Keeps every formatted log line (and exception text) so tests can check nothing secret was logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Text)> Entries { get; } = new();

    public IEnumerable<string> Texts => Entries.Select(e => e.Text);

    public ILogger CreateLogger(string categoryName) => new Logger(Entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}

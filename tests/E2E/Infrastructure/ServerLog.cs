using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Workbench.E2E.Infrastructure;

/// <summary>
/// Keeps the app host's warnings and errors, and its slow database commands, so a browser test that times out can say
/// what the server was doing (the page alone could not explain the navigation timeouts of 2026-12-07/08).
/// </summary>
internal sealed class ServerLog : ILoggerProvider
{
    /// <summary>EF Core's category for executed commands ("Executed DbCommand (12ms) ...").</summary>
    public const string CommandCategory = "Microsoft.EntityFrameworkCore.Database.Command";

    private const int Capacity = 2000;
    private const int SlowCommandMilliseconds = 500;

    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>The entries of the last <paramref name="window"/>, oldest first, one line each.</summary>
    public IReadOnlyList<string> Recent(TimeSpan window)
    {
        var since = DateTimeOffset.UtcNow - window;
        return [.. _entries.Where(e => e.At >= since).Select(e => e.ToString())];
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(Entry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    private static bool IsSlowCommand(string text)
    {
        // "Executed DbCommand (1234ms) [...]" / "Failed executing DbCommand (1234ms) [...]"
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.IndexOf("ms)", StringComparison.Ordinal);
        return open >= 0 && close > open
            && int.TryParse(text.AsSpan(open + 1, close - open - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            && ms >= SlowCommandMilliseconds;
    }

    private sealed record Entry(DateTimeOffset At, LogLevel Level, string Category, string Text)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{At:HH:mm:ss.fff} {Level} {Category}: {Text}");
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || (logLevel >= LogLevel.Information && category == CommandCategory);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = formatter(state, exception);
            if (logLevel < LogLevel.Warning && !IsSlowCommand(text))
            {
                return;
            }

            var firstLine = text.Split('\n', 2)[0];
            log.Add(new Entry(DateTimeOffset.UtcNow, logLevel, category, exception is null ? firstLine : $"{firstLine} [{exception.GetType().Name}: {exception.Message}]"));
        }
    }
}

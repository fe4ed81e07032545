using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Workbench.Core.Templates;
using Workbench.Core.Tests.Persistence;
using Workbench.Core.Tests.Templates;

namespace Workbench.Core.Tests.Logging;

public class LoggingTests
{
    [Fact]
    public async Task TemplateService_SaveVersion_LogsNoPromptText()
    {
        const string secretPrompt = "Confidential prompt body about Project Nightingale {{ name }}";
        await using var db = await TestDatabase.CreateAsync();
        var sink = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        var service = new TemplateService(db.Factory, db.Time, factory.CreateLogger<TemplateService>());
        var ct = Xunit.TestContext.Current.CancellationToken;

        var created = await service.CreateAsync(new NewTemplate("Logged", null, [], TemplateServiceTests.Content(secretPrompt)), "alice", ct);
        await service.SaveVersionAsync(created.Value!.Id, 1, TemplateServiceTests.Content(secretPrompt + " v2"), "msg", "alice", ct);
        await service.SetLabelAsync(created.Value.Id, "production", 2, "alice", ct);

        Assert.NotEmpty(sink.Messages);
        Assert.DoesNotContain(sink.Messages, m => m.Contains("Nightingale", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentBag<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentBag<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Add(formatter(state, exception));
        }
    }
}

using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workbench.Privacy;
using Workbench.Tests.Hosting;

// Deliberately the plain extension methods, with values in the text, in structured state and in scopes.
#pragma warning disable CA1848, CA2254, CA1873

namespace Workbench.Tests.Privacy;

public class LogRedactionTests
{
    private static readonly LogLevel[] Levels = [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical];

    [Fact]
    public async Task Logs_PlantedValuesAtEveryLevel_NoneReachesAProvider()
    {
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?>
        {
            ["Workbench:Logging:EnableDebug"] = "true",
            ["Logging:LogLevel:Default"] = "Trace",
        });
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddFakeLogging()));
        var collector = host.Services.GetFakeLogCollector();
        var logger = host.Services.GetRequiredService<ILogger<LogRedactionTests>>();

        foreach (var level in Levels)
        {
            foreach (var value in PlantedValues.All)
            {
                using (logger.BeginScope("Scope for {Customer}", value))
                using (logger.BeginScope(new Dictionary<string, object?> { ["customer"] = value }))
                {
                    logger.Log(level, $"Plain text with {value} inside");
                    logger.Log(level, "Template with {Value} and {Number}", value, 4111111111111111L);
                    logger.Log(level, new InvalidOperationException($"Provider said: bad key {value}", new ArgumentException("inner " + value)), "Failed for {Value}", value);
                }
            }
        }

        var records = collector.GetSnapshot().Where(r => r.Category == typeof(LogRedactionTests).FullName).ToList();
        Assert.Equal(Levels.Length * PlantedValues.All.Count * 3, records.Count);
        foreach (var record in records)
        {
            var texts = new List<string> { record.Message, record.Exception?.ToString() ?? "", record.Exception?.Message ?? "", record.Exception?.InnerException?.Message ?? "" };
            texts.AddRange((record.StructuredState ?? []).Select(p => p.Value ?? ""));
            texts.AddRange(record.Scopes.Select(s => string.Join(" ", s is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(p => p.Value?.ToString()) : [s?.ToString()])));
            foreach (var text in texts)
            {
                Assert.Equal("", PlantedValues.FindIn(text));
            }
        }

        Assert.Contains(records, r => r.Message.Contains("[EMAIL]", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("[CARD]", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Exception is RedactedException { OriginalType: "System.InvalidOperationException" });
    }

    [Fact]
    public async Task Logs_DebugNotEnabled_DebugAndTraceDroppedWhateverLogLevelSays()
    {
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddFakeLogging()));
        var collector = host.Services.GetFakeLogCollector();
        var logger = host.Services.GetRequiredService<ILogger<LogRedactionTests>>();

        Assert.False(logger.IsEnabled(LogLevel.Debug));
        foreach (var level in Levels)
        {
            logger.Log(level, "level {Level}", level);
        }

        var levels = collector.GetSnapshot().Where(r => r.Category == typeof(LogRedactionTests).FullName).Select(r => r.Level).ToList();
        Assert.Equal([LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical], levels);
    }

    [Fact]
    public async Task Startup_DebugEnabled_LogsAWarningNamingTheKey()
    {
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?> { [DiagnosticLoggingOptions.EnableDebugKey] = "true" });
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddFakeLogging()));
        _ = host.Server;

        Assert.Contains(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains(DiagnosticLoggingOptions.EnableDebugKey, StringComparison.Ordinal));
    }
}

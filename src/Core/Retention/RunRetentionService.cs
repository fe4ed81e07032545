using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workbench.Core.Retention;

/// <summary>
/// Runs <see cref="RunRetention.PurgeAsync"/> at start-up and then every <c>Workbench:Retention:PurgeInterval</c>, on the
/// injected <see cref="TimeProvider"/>. A failed purge is logged (through the app's redacting logger) and the loop goes on.
/// </summary>
internal sealed partial class RunRetentionService(RunRetention retention, TimeProvider time, ILogger<RunRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = retention.Options;
        if (!policy.AnyPurge)
        {
            LogKeptForever(logger);
            return;
        }

        LogStarted(logger, policy.RunDays, policy.PurgeInterval);
        // Created before the first purge so the schedule is start-up + n × interval, however long a purge takes.
        using var timer = new PeriodicTimer(policy.PurgeInterval, time);
        try
        {
            do
            {
                await PurgeOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(logger);
        }
    }

    private async Task PurgeOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await retention.PurgeAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogPurgeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run retention: runs are kept {RunDays} days, purged every {Interval}")]
    private static partial void LogStarted(ILogger logger, int runDays, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run retention is off (Workbench:Retention:RunDays = 0): runs are kept until deleted")]
    private static partial void LogKeptForever(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run retention stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run retention purge failed; the next one runs at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}

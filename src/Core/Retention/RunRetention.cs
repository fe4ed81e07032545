using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Runs;

namespace Workbench.Core.Retention;

/// <summary>
/// Retention of run history (<c>Workbench:Retention</c>): deletes finished runs older than <see cref="RetentionOptions.RunDays"/>
/// (by when they finished, else when they were created) with their attempts; queued and running runs are never touched.
/// <see cref="RunRetentionService"/> calls it at start-up and then every <see cref="RetentionOptions.PurgeInterval"/>.
/// </summary>
public sealed partial class RunRetention(RunStore runs, IOptions<WorkbenchOptions> options, TimeProvider time, ILogger<RunRetention> logger)
{
    private RetentionStatus _status = RetentionStatus.None;

    /// <summary>The configured policy.</summary>
    public RetentionOptions Options => options.Value.Retention;

    /// <summary>The last purge (thread-safe snapshot).</summary>
    public RetentionStatus Status => Volatile.Read(ref _status);

    /// <summary>Raised after every purge attempt, successful or not.</summary>
    internal event Action<RetentionStatus>? StatusChanged;

    /// <summary>Deletes the runs past the retention period and returns how many; 0 without touching anything when retention is off.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var policy = Options;
        if (!policy.Enabled)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - TimeSpan.FromDays(policy.RunDays);
        int purged;
        try
        {
            purged = await runs.DeleteFinishedBeforeAsync(cutoff, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Publish(new RetentionStatus(now, 0, true));
            throw;
        }

        Publish(new RetentionStatus(now, purged, false));
        if (purged > 0)
        {
            LogPurged(logger, purged, policy.RunDays);
        }
        else
        {
            LogNothingToPurge(logger, policy.RunDays);
        }

        return purged;
    }

    private void Publish(RetentionStatus status)
    {
        Volatile.Write(ref _status, status);
        StatusChanged?.Invoke(status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge deleted {Count} run(s) older than {RunDays} days")]
    private static partial void LogPurged(ILogger logger, int count, int runDays);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention purge found no run older than {RunDays} days")]
    private static partial void LogNothingToPurge(ILogger logger, int runDays);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Audit;
using Workbench.Core.Configuration;
using Workbench.Core.Runs;

namespace Workbench.Core.Retention;

/// <summary>
/// Retention of run history (<c>Workbench:Retention</c>): deletes finished runs older than <see cref="RetentionOptions.RunDays"/>
/// (by when they finished, else when they were created) with their attempts; queued and running runs are never touched.
/// Audit entries older than <see cref="RetentionOptions.AuditDays"/> go in the same purge; every purge that removed
/// something is itself recorded in the audit trail (<see cref="AuditActions.RetentionPurged"/>, actor "system").
/// <see cref="RunRetentionService"/> calls it at start-up and then every <see cref="RetentionOptions.PurgeInterval"/>.
/// </summary>
public sealed partial class RunRetention(RunStore runs, IOptions<WorkbenchOptions> options, TimeProvider time, ILogger<RunRetention> logger, AuditTrail? audit = null)
{
    private RetentionStatus _status = RetentionStatus.None;

    /// <summary>The configured policy.</summary>
    public RetentionOptions Options => options.Value.Retention;

    /// <summary>The last purge (thread-safe snapshot).</summary>
    public RetentionStatus Status => Volatile.Read(ref _status);

    /// <summary>Raised after every purge attempt, successful or not.</summary>
    internal event Action<RetentionStatus>? StatusChanged;

    /// <summary>Deletes the runs (and audit entries) past their retention period and returns how many runs; 0 without touching anything when retention is off.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var policy = Options;
        if (!policy.AnyPurge)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var purged = 0;
        try
        {
            if (policy.Enabled)
            {
                purged = await runs.DeleteFinishedBeforeAsync(now - TimeSpan.FromDays(policy.RunDays), cancellationToken);
                if (purged > 0 && audit is not null)
                {
                    await audit.RecordAsync(new AuditEvent(AuditActions.RetentionPurged, AuditTargets.Run, null, null, $"{purged} run(s) older than {policy.RunDays} days deleted") { ActorName = AuditTrail.SystemActor }, cancellationToken);
                }
            }

            if (policy.AuditEnabled && audit is not null)
            {
                var entries = await audit.PurgeBeforeAsync(now - TimeSpan.FromDays(policy.AuditDays), cancellationToken);
                if (entries > 0)
                {
                    await audit.RecordAsync(new AuditEvent(AuditActions.RetentionPurged, AuditTargets.Audit, null, null, $"{entries} audit entr{(entries == 1 ? "y" : "ies")} older than {policy.AuditDays} days deleted") { ActorName = AuditTrail.SystemActor }, cancellationToken);
                    LogAuditPurged(logger, entries, policy.AuditDays);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (policy.Enabled)
            {
                Publish(new RetentionStatus(now, purged, true));
            }

            throw;
        }

        if (!policy.Enabled)
        {
            return 0;
        }

        // The status (shown on the privacy page) is about runs.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge deleted {Count} audit entries older than {AuditDays} days")]
    private static partial void LogAuditPurged(ILogger logger, int count, int auditDays);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention purge found no run older than {RunDays} days")]
    private static partial void LogNothingToPurge(ILogger logger, int runDays);
}

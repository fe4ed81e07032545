using System.ComponentModel.DataAnnotations;

namespace Workbench.Core.Configuration;

/// <summary>The <c>Workbench:Retention</c> section: how long run history and the audit trail are kept and how often it is purged.</summary>
public sealed class RetentionOptions
{
    /// <summary>Largest <see cref="RunDays"/> accepted (100 years): anything larger is a typo, not a policy.</summary>
    public const int MaxRunDays = 36500;

    /// <summary>Days a finished run is kept (counted from when it finished); 0 keeps runs forever.</summary>
    [Range(0, MaxRunDays, ErrorMessage = "Workbench:Retention:RunDays must be 0 (keep runs forever) or a number of days between 1 and 36500.")]
    public int RunDays { get; set; } = 90;

    /// <summary>Time between two purges (the first runs at start-up).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Workbench:Retention:PurgeInterval must be between 00:01:00 (1 minute) and 30.00:00:00 (30 days).")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Days an audit entry is kept; 0 keeps the audit trail forever. At least 30 (the delete trigger refuses to remove
    /// younger entries, see ADR-017); purged by the same background purge as runs.
    /// </summary>
    [Range(0, MaxRunDays, ErrorMessage = "Workbench:Retention:AuditDays must be 0 (keep the audit trail forever) or a number of days between 30 and 36500.")]
    public int AuditDays { get; set; } = 365;

    /// <summary>Whether runs are purged at all.</summary>
    public bool Enabled => RunDays > 0;

    /// <summary>Whether audit entries are purged at all.</summary>
    public bool AuditEnabled => AuditDays > 0;

    /// <summary>Whether the background purge has anything to do.</summary>
    public bool AnyPurge => Enabled || AuditEnabled;
}

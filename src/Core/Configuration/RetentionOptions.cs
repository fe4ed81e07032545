using System.ComponentModel.DataAnnotations;

namespace Workbench.Core.Configuration;

/// <summary>The <c>Workbench:Retention</c> section: how long run history is kept and how often it is purged.</summary>
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

    /// <summary>Whether runs are purged at all.</summary>
    public bool Enabled => RunDays > 0;
}

using Microsoft.Extensions.Options;
using Workbench.Core.Persistence.Sql;

namespace Workbench.Core.Configuration;

/// <summary>The audit trail is kept at least <see cref="AuditSql.MinimumRetentionDays"/> days (or forever): a rule data annotations cannot express.</summary>
public sealed class AuditRetentionValidator : IValidateOptions<WorkbenchOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkbenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var days = options.Retention.AuditDays;
        return days is > 0 and < AuditSql.MinimumRetentionDays
            ? ValidateOptionsResult.Fail($"Workbench:Retention:AuditDays must be 0 (keep the audit trail forever) or at least {AuditSql.MinimumRetentionDays} days; it is {days}.")
            : ValidateOptionsResult.Success;
    }
}

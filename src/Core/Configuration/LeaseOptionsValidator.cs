using System.Globalization;
using Microsoft.Extensions.Options;

namespace Workbench.Core.Configuration;

/// <summary>
/// A lease must be renewed before it expires: <c>Workbench:Runs:HeartbeatSeconds</c> must be below
/// <c>Workbench:Runs:LeaseSeconds</c> (ADR-022), a rule data annotations cannot express.
/// </summary>
public sealed class LeaseOptionsValidator : IValidateOptions<WorkbenchOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkbenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runs = options.Runs;
        return runs.HeartbeatSeconds >= runs.LeaseSeconds
            ? ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"Workbench:Runs:HeartbeatSeconds ({runs.HeartbeatSeconds}) must be less than Workbench:Runs:LeaseSeconds ({runs.LeaseSeconds}): a lease is renewed on every heartbeat, so a slower heartbeat lets a live node's runs be taken over."))
            : ValidateOptionsResult.Success;
    }
}

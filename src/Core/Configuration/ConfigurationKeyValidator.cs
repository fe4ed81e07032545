using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Workbench.Core.Configuration;

/// <summary>
/// Runs the generated data-annotation validator and rewrites its member paths
/// (<c>WorkbenchOptions.Editor.DebounceMilliseconds</c>) into the configuration keys an operator types
/// (<c>Workbench:Editor:DebounceMilliseconds</c>), so every start-up error names its key.
/// </summary>
public sealed partial class ConfigurationKeyValidator : IValidateOptions<WorkbenchOptions>
{
    private readonly WorkbenchOptionsValidator _inner = new();

    [GeneratedRegex(@"\bWorkbenchOptions((?:\.[A-Za-z0-9_]+)+)")]
    private static partial Regex MemberPath();

    public ValidateOptionsResult Validate(string? name, WorkbenchOptions options)
    {
        var result = _inner.Validate(name, options);
        if (!result.Failed)
        {
            return result;
        }

        var failures = (result.Failures ?? []).Select(ToConfigurationKeys).ToList();
        return ValidateOptionsResult.Fail(failures);
    }

    internal static string ToConfigurationKeys(string message) =>
        MemberPath().Replace(message, m => WorkbenchOptions.SectionName + m.Groups[1].Value.Replace('.', ':'));
}

using Microsoft.Extensions.Options;
using Workbench.Core.Redaction;

namespace Workbench.Core.Configuration;

/// <summary>Checks <c>Workbench:Redaction</c> at start-up: known detector kinds, custom pattern names and regular expressions
/// (each compiled once here), each message naming its configuration key.</summary>
public sealed class RedactionSettingsValidator : IValidateOptions<RedactionSettings>
{
    public ValidateOptionsResult Validate(string? name, RedactionSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.ReadErrors);
        foreach (var kind in options.Detectors.Keys)
        {
            if (!kind.Equals(RedactionKinds.Secret, StringComparison.OrdinalIgnoreCase)
                && !RedactionKinds.BuiltIn.Contains(kind, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{RedactionSettings.SectionName}:Detectors:{kind} is not a detector. Known: {RedactionKinds.Secret}, {string.Join(", ", RedactionKinds.BuiltIn)}.");
            }
        }

        for (var i = 0; i < options.CustomPatterns.Count; i++)
        {
            var pattern = options.CustomPatterns[i];
            var key = $"{RedactionSettings.SectionName}:CustomPatterns:{i}";
            if (string.IsNullOrEmpty(pattern.Name) || pattern.Name.Length > 40
                || !pattern.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                failures.Add($"{key}:Name must be 1-40 letters, digits, '-', '_' or '.'.");
            }

            if (string.IsNullOrEmpty(pattern.Pattern))
            {
                failures.Add($"{key}:Pattern must not be empty.");
                continue;
            }

            try
            {
                var probe = new CustomRedactionPattern { Name = "probe", Pattern = pattern.Pattern, IgnoreCase = pattern.IgnoreCase };
                _ = Redactor.Create(new RedactionOptions { CustomPatterns = [probe] });
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{key}:Pattern is not a valid regular expression: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

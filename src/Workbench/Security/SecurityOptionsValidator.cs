using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>
/// Runs the generated data-annotation rules and rewrites member paths (<c>SecurityOptions.Password.MinLength</c>) into
/// the configuration keys an operator types (<c>Workbench:Security:Password:MinLength</c>).
/// </summary>
public sealed partial class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    private readonly SecurityOptionsAnnotations _inner = new();

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var result = _inner.Validate(name, options);
        return result.Failed
            ? ValidateOptionsResult.Fail((result.Failures ?? []).Select(f => MemberPath().Replace(f, m => SecurityOptions.SectionName + m.Groups[1].Value.Replace('.', ':'))))
            : result;
    }

    [GeneratedRegex(@"\bSecurityOptions((?:\.[A-Za-z0-9_]+)+)")]
    private static partial Regex MemberPath();
}

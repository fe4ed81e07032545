using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>An unknown mode stops start-up naming the key: guessing would either lock everyone out or open the app.</summary>
public sealed class SecurityModeValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Equals(options.Mode, SecurityModes.Local, StringComparison.OrdinalIgnoreCase) || options.IsTeam
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{SecurityOptions.ModeKey} is '{options.Mode}', but must be '{SecurityModes.Local}' (single user, no sign-in, loopback only) " +
                $"or '{SecurityModes.Team}' (accounts, sign-in and roles).");
    }
}

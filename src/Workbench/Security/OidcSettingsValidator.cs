using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>
/// OpenID Connect settings are checked at start-up, each failure naming its key: only in team mode, an absolute https
/// authority, a client id, a secret variable that is set, known roles. Messages never contain the secret.
/// </summary>
public sealed class OidcSettingsValidator(Func<string, string?> environment) : IValidateOptions<SecurityOptions>
{
    public OidcSettingsValidator()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var oidc = options.Oidc;
        if (!oidc.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        const string key = OidcSettings.SectionName;
        var failures = new List<string>();
        if (!options.IsTeam)
        {
            failures.Add($"{key}:Authority is set, but OpenID Connect sign-in needs team mode ({SecurityOptions.ModeKey}=team).");
        }

        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && (oidc.RequireHttpsMetadata || authority.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{key}:Authority must be an absolute https:// URL (the identity provider's issuer); http:// only with {key}:RequireHttpsMetadata=false.");
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            failures.Add($"{key}:ClientId is required when {key}:Authority is set.");
        }

        if (!string.IsNullOrWhiteSpace(oidc.ClientSecretVariable) && string.IsNullOrEmpty(environment(oidc.ClientSecretVariable)))
        {
            failures.Add($"{key}:ClientSecretVariable names the environment variable '{oidc.ClientSecretVariable}', which is not set.");
        }

        if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
        {
            failures.Add($"{key}:RoleClaim must name a claim (for example 'roles' or 'groups').");
        }

        if (!Roles.IsKnown(oidc.DefaultRole))
        {
            failures.Add($"{key}:DefaultRole is '{oidc.DefaultRole}', but must be one of {string.Join(", ", Roles.All)}.");
        }

        foreach (var (claim, role) in oidc.RoleMapping)
        {
            if (!Roles.IsKnown(role))
            {
                failures.Add($"{key}:RoleMapping:{claim} is '{role}', but must be one of {string.Join(", ", Roles.All)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

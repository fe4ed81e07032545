namespace Workbench.Security;

/// <summary>
/// The <c>Workbench:Security:Oidc</c> section: optional OpenID Connect sign-in (team mode), off unless
/// <see cref="Authority"/> is set. The client secret never sits in configuration: <see cref="ClientSecretVariable"/>
/// names the environment variable that holds it.
/// </summary>
public sealed class OidcSettings
{
    public const string SectionName = SecurityOptions.SectionName + ":Oidc";

    /// <summary>The authentication scheme name; the callback path is <c>/signin-oidc</c>.</summary>
    public const string Scheme = "oidc";

    /// <summary>The identity provider's issuer URL (https), e.g. <c>https://login.example.com/realms/team</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Name of the environment variable holding the client secret (empty: a public client using PKCE only).</summary>
    public string? ClientSecretVariable { get; set; }

    /// <summary>Shown on the button: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Scopes requested besides <c>openid</c>; empty means <c>profile email</c>. (No list default here: the
    /// configuration binder would append configured scopes to it instead of replacing it.)</summary>
    public List<string> Scopes { get; set; } = [];

    public IReadOnlyList<string> EffectiveScopes => Scopes.Count == 0 ? ["profile", "email"] : Scopes;

    /// <summary>The claim whose values are mapped to workbench roles.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim value → workbench role (viewer, author, reviewer, admin); the highest mapped role wins.</summary>
    public Dictionary<string, string> RoleMapping { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The role of an account created at its first OIDC sign-in when no claim value maps to a role.</summary>
    public string DefaultRole { get; set; } = Roles.Viewer;

    /// <summary>Allow an <c>http://</c> authority (development identity providers only).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}

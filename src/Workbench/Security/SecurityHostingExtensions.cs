using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workbench.Core.Persistence;
using Workbench.Hosting;

namespace Workbench.Security;

/// <summary>
/// Authentication and authorization for both modes. Local mode: one handler signs every request in as "local" with
/// the admin role. Team mode: ASP.NET Core Identity with a cookie (and API tokens for /api). Both run the same
/// policies (<see cref="Policies"/>), so no page or component asks which mode it is in.
/// </summary>
internal static class SecurityHostingExtensions
{
    public const string CookieName = "workbench.auth";

    /// <summary>Team mode's default scheme: bearer tokens on /api, the Identity cookie everywhere else.</summary>
    public const string TeamScheme = "Team";

    public static WebApplicationBuilder AddWorkbenchSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityModeValidator>();
        services.AddSingleton<IValidateOptions<SecurityOptions>, OidcSettingsValidator>();

        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddAuthorization(Policies.Add);
        services.AddScoped<CurrentUser>();
        services.AddScoped<ActionAuthorization>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<SetupAccess>();
        services.AddSingleton<ApiTokenService>();
        services.AddWorkbenchRateLimiting();
        services.AddSingleton<UserAdministration>();
        services.AddHostedService<FirstAdminSeeder>();

        // Identity's stores and managers exist in both modes (the account pages resolve them and say "local mode");
        // only team mode signs anyone in with them.
        services.AddIdentityCore<WorkbenchUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkbenchDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((identity, security) =>
        {
            var password = security.Value.Password;
            identity.Password.RequiredLength = password.MinLength;
            identity.Password.RequireDigit = password.RequireDigit;
            identity.Password.RequireLowercase = password.RequireLowercase;
            identity.Password.RequireUppercase = password.RequireUppercase;
            identity.Password.RequireNonAlphanumeric = password.RequireNonAlphanumeric;
            identity.Password.RequiredUniqueChars = 1;
            identity.Lockout.MaxFailedAccessAttempts = security.Value.Lockout.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.Value.Lockout.Minutes);
        });

        var team = string.Equals(builder.Configuration[SecurityOptions.ModeKey], SecurityModes.Team, StringComparison.OrdinalIgnoreCase);
        if (team)
        {
            var oidc = builder.Configuration.GetSection(OidcSettings.SectionName).Get<OidcSettings>() ?? new OidcSettings();
            AddTeamAuthentication(services, oidc);
        }
        else
        {
            services.AddAuthentication(LocalAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, LocalAuthenticationHandler>(LocalAuthenticationHandler.SchemeName, null);
        }

        return builder;
    }

    private static void AddTeamAuthentication(IServiceCollection services, OidcSettings oidc)
    {
        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = TeamScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(TeamScheme, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                ApiTokenAuthenticationHandler.HasBearer(context.Request) ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        authentication.AddIdentityCookies();
        if (oidc.IsConfigured)
        {
            // Start-up validation (OidcSettingsValidator) names any bad key before the handler is ever used.
            authentication.AddWorkbenchOidc(oidc);
        }

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = AccountEndpoints.SignInPath;
            o.AccessDeniedPath = "/status/403";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context =>
            {
                if (ApiProblems.IsApiRequest(context.Request))
                {
                    return ApiProblems.WriteUnauthorizedAsync(context.HttpContext);
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (ApiProblems.IsApiRequest(context.Request))
                {
                    return ApiProblems.WriteForbiddenAsync(context.HttpContext);
                }

                // A plain 403: the status-code page explains it, at the address the user asked for.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        // Disabling an account or changing its role ends its sessions within a minute (cookie and circuit).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = RevalidatingIdentityStateProvider.Interval);
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
    }

    public static WebApplication UseWorkbenchSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseWorkbenchRateLimiting();
        app.UseAuthorization();
        return app;
    }
}

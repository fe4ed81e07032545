using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workbench.Security;
using Workbench.Tests.Hosting;

namespace Workbench.Tests.Security;

/// <summary>OpenID Connect by settings. No identity provider is reachable here, so this checks configuration only.</summary>
public sealed class OidcTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static SecurityOptions Team(Action<OidcSettings> configure)
    {
        var options = new SecurityOptions { Mode = SecurityModes.Team };
        options.Oidc.Authority = "https://login.example.test/realms/team";
        options.Oidc.ClientId = "workbench";
        configure(options.Oidc);
        return options;
    }

    [Fact]
    public void Validate_NotConfigured_Succeeds() =>
        Assert.True(new OidcSettingsValidator(_ => null).Validate(null, new SecurityOptions()).Succeeded);

    [Fact]
    public void Validate_ConfiguredWithSecretVariableSet_Succeeds() =>
        Assert.True(new OidcSettingsValidator(_ => "set").Validate(null, Team(o => o.ClientSecretVariable = "OIDC_SECRET")).Succeeded);

    public static TheoryData<string, string> BadSettings => new()
    {
        { "authority-http", "Workbench:Security:Oidc:Authority" },
        { "authority-relative", "Workbench:Security:Oidc:Authority" },
        { "no-client", "Workbench:Security:Oidc:ClientId" },
        { "secret-unset", "Workbench:Security:Oidc:ClientSecretVariable" },
        { "default-role", "Workbench:Security:Oidc:DefaultRole" },
        { "mapping", "Workbench:Security:Oidc:RoleMapping:workbench-admins" },
        { "local-mode", "Workbench:Security:Mode=team" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validate_BadSetting_FailsNamingTheKey(string bad, string key)
    {
        var options = Team(o =>
        {
            switch (bad)
            {
                case "authority-http": o.Authority = "http://login.example.test"; break;
                case "authority-relative": o.Authority = "login"; break;
                case "no-client": o.ClientId = " "; break;
                case "secret-unset": o.ClientSecretVariable = "NOT_SET_ANYWHERE"; break;
                case "default-role": o.DefaultRole = "owner"; break;
                case "mapping": o.RoleMapping["workbench-admins"] = "root"; break;
                default: break;
            }
        });
        if (bad == "local-mode")
        {
            options.Mode = SecurityModes.Local;
        }

        var result = new OidcSettingsValidator(_ => null).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_TeamMode_RegistersTheHandlerShowsTheButtonAndNeverLogsTheSecret()
    {
        var variable = "WORKBENCH_TEST_OIDC_SECRET_" + Guid.NewGuid().ToString("N");
        var secret = "oidc-test-secret-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, secret);
        try
        {
            await using var app = new WorkbenchAppFactory(new Dictionary<string, string?>
            {
                [SecurityOptions.ModeKey] = SecurityModes.Team,
                ["Workbench:Security:Oidc:Authority"] = "https://login.example.test/realms/team",
                ["Workbench:Security:Oidc:ClientId"] = "workbench",
                ["Workbench:Security:Oidc:ClientSecretVariable"] = variable,
                ["Workbench:Security:Oidc:DisplayName"] = "Acme SSO",
                ["Workbench:Security:Oidc:Scopes:0"] = "email",
                ["Workbench:Security:Oidc:Scopes:1"] = "groups",
                ["Workbench:Security:Oidc:RoleClaim"] = "groups",
                ["Logging:LogLevel:Default"] = "Trace",
            });
            await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddFakeLogging()));
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

            var page = await client.GetStringAsync("/account/sign-in", Ct);
            var scheme = await host.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OidcSettings.Scheme);
            var oidc = host.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcSettings.Scheme);

            Assert.Contains("Sign in with Acme SSO", page, StringComparison.Ordinal);
            Assert.Equal("Acme SSO", scheme?.DisplayName);
            Assert.Equal("https://login.example.test/realms/team", oidc.Authority);
            Assert.Equal("workbench", oidc.ClientId);
            Assert.Equal(secret, oidc.ClientSecret);
            Assert.True(oidc.UsePkce);
            Assert.Equal("code", oidc.ResponseType);
            Assert.Equal(["openid", "email", "groups"], oidc.Scope.ToArray());
            Assert.Equal(Microsoft.AspNetCore.Identity.IdentityConstants.ExternalScheme, oidc.SignInScheme);
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
            var logs = host.Services.GetFakeLogCollector().GetSnapshot();
            Assert.NotEmpty(logs);
            Assert.DoesNotContain(logs, r => r.Message.Contains(secret, StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task NotConfigured_TeamMode_NoHandlerAndNoButton()
    {
        await using var app = new TeamApp();
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/account/sign-in", Ct);
        var scheme = await app.Factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OidcSettings.Scheme);

        Assert.DoesNotContain("oidc-sign-in", page, StringComparison.Ordinal);
        Assert.Null(scheme);
    }

    [Fact]
    public void EffectiveScopes_NoneConfigured_AreProfileAndEmail() =>
        Assert.Equal(["profile", "email"], new OidcSettings().EffectiveScopes);
}

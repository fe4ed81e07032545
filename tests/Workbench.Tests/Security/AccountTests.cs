using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workbench.Core.Persistence;
using Workbench.Security;
using Workbench.Tests.Hosting;

namespace Workbench.Tests.Security;

/// <summary>Sign-in, lockout, password rules, sign-out, first admin and setup, against the app in team mode.</summary>
public class AccountTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private Task<TeamApp> StartAsync(IDictionary<string, string?>? settings = null, bool withAccounts = true) =>
        TeamApp.StartAsync(Provider, settings, withAccounts);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownUser_SameMessageAndNoCookie()
    {
        await using var app = await StartAsync();
        using var client = app.CreateClient();

        using var wrongPassword = await TeamApp.SignInAsync(client, TeamApp.EmailFor(Roles.Author), TeamApp.Password + "x");
        using var unknownUser = await TeamApp.SignInAsync(client, "nobody@example.test", TeamApp.Password);

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownUser.StatusCode);
        var first = ErrorText(await wrongPassword.Content.ReadAsStringAsync(Ct));
        var second = ErrorText(await unknownUser.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Sign-in failed", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie") && wrongPassword.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(SecurityHostingExtensions.CookieName, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        await using var app = await StartAsync();
        using var client = app.CreateClient();
        var email = TeamApp.EmailFor(Roles.Author);

        for (var i = 0; i < 5; i++)
        {
            using var failed = await TeamApp.SignInAsync(client, email, $"wrong-{i}-{TeamApp.Password}");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var right = await TeamApp.SignInAsync(client, email, TeamApp.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Sign-in failed", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True((await app.Users.ListAsync(Ct)).Single(u => u.Email == email).LockedOut);
    }

    [Fact]
    public async Task SignIn_RightPassword_RedirectsToLocalReturnUrlOnly()
    {
        await using var app = await StartAsync();
        using var client = app.CreateClient();

        using var response = await TeamApp.PostFormAsync(client, "/account/sign-in?ReturnUrl=%2F%2Fevil.example%2Fx", "sign-in",
            new() { ["Input.Email"] = TeamApp.EmailFor(Roles.Viewer), ["Input.Password"] = TeamApp.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordRules_TooShort_RefusedWithTheRule()
    {
        await using var app = await StartAsync();

        var result = await app.Users.CreateAsync("short@example.test", Roles.Viewer, "elevenchars", Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("12", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordRules_Configured_AreApplied()
    {
        await using var app = await StartAsync(new Dictionary<string, string?> { ["Workbench:Security:Password:MinLength"] = "16", ["Workbench:Security:Password:RequireDigit"] = "true" });

        var tooShort = await app.Users.CreateAsync("a@example.test", Roles.Viewer, "fifteen-chars-x", Ct);
        var noDigit = await app.Users.CreateAsync("b@example.test", Roles.Viewer, "sixteen-chars-xyz", Ct);
        var fine = await app.Users.CreateAsync("c@example.test", Roles.Viewer, "sixteen-chars-xy1", Ct);

        Assert.Contains("16", tooShort.Error, StringComparison.Ordinal);
        Assert.Contains("digit", noDigit.Error, StringComparison.OrdinalIgnoreCase);
        Assert.True(fine.Succeeded, fine.Error);
    }

    [Fact]
    public async Task SignOut_WithAntiforgeryToken_EndsTheSession()
    {
        await using var app = await StartAsync();
        using var client = await app.ClientForAsync(Roles.Author);

        using var signedOut = await TeamApp.PostFormAsync(client, "/account/sign-out", null, new() { ["returnUrl"] = "" }, tokenFrom: "/account/password");
        using var after = await client.GetAsync("/templates", Ct);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/sign-in", signedOut.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_RefusedAndStillSignedIn()
    {
        await using var app = await StartAsync();
        using var client = await app.ClientForAsync(Roles.Author);

        using var forged = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "" }), Ct);
        using var after = await client.GetAsync("/templates", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task FirstAdmin_FromEnvironment_CreatedOnFirstStart()
    {
        await using var factory = new WorkbenchAppFactory(new Dictionary<string, string?>
        {
            [SecurityOptions.ModeKey] = SecurityModes.Team,
            [FirstAdminSeeder.EmailVariable] = "first@example.test",
            [FirstAdminSeeder.PasswordVariable] = TeamApp.Password,
        });
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var users = await factory.Services.GetRequiredService<UserAdministration>().ListAsync(Ct);
        using var signedIn = await TeamApp.SignInAsync(client, "first@example.test", TeamApp.Password);

        var admin = Assert.Single(users);
        Assert.Equal(("first@example.test", Roles.Admin), (admin.Email, admin.Role));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task FirstAdmin_RejectedPassword_StopsStartupNamingTheVariableNotThePassword()
    {
        await using var app = await StartAsync(withAccounts: false);
        var weak = string.Concat("sh", "ort");
        var seeder = Seeder(app, "first@example.test", weak);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => seeder.StartingAsync(Ct));

        Assert.Contains(FirstAdminSeeder.PasswordVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("12", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(weak, error.Message.Replace(FirstAdminSeeder.PasswordVariable, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(await app.Users.ListAsync(Ct));
    }

    [Fact]
    public async Task FirstAdmin_OnlyEmailSet_StopsStartupNamingTheMissingVariable()
    {
        await using var app = await StartAsync(withAccounts: false);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Seeder(app, "first@example.test", null).StartingAsync(Ct));

        Assert.Contains(FirstAdminSeeder.PasswordVariable + " is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstAdmin_AccountsExist_VariablesIgnored()
    {
        await using var app = await StartAsync();

        await Seeder(app, "late@example.test", TeamApp.Password).StartingAsync(Ct);

        Assert.DoesNotContain(await app.Users.ListAsync(Ct), u => u.Email == "late@example.test");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("192.168.1.20")]
    public async Task Setup_NotFromLoopback_NotFound(string? remote)
    {
        await using var app = await StartAsync(withAccounts: false);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/setup");
        if (remote is not null)
        {
            request.Headers.Add(TestRemoteAddress.Header, remote);
        }

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Input.Password", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_LoopbackBehindProxyHeader_NotFound()
    {
        await using var app = await StartAsync(withAccounts: false);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "127.0.0.1");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.GetAsync("/setup", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Setup_FromLoopbackWithNoAccount_CreatesAdminOnceThenGone()
    {
        await using var app = await StartAsync(withAccounts: false);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "127.0.0.1");

        using var page = await client.GetAsync("/setup", Ct);
        using var created = await TeamApp.PostFormAsync(client, "/setup", "setup",
            new() { ["Input.Email"] = "owner@example.test", ["Input.Password"] = TeamApp.Password, ["Input.Confirm"] = TeamApp.Password });
        using var users = await client.GetAsync("/settings/users", Ct);
        using var again = await client.GetAsync("/setup", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var admin = Assert.Single(await app.Users.ListAsync(Ct));
        Assert.Equal(Roles.Admin, admin.Role);
    }

    [Fact]
    public async Task Setup_PasswordsDiffer_SaysSoAndCreatesNothing()
    {
        await using var app = await StartAsync(withAccounts: false);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "::1");

        using var response = await TeamApp.PostFormAsync(client, "/setup", "setup",
            new() { ["Input.Email"] = "owner@example.test", ["Input.Password"] = TeamApp.Password, ["Input.Confirm"] = TeamApp.Password + "2" });

        Assert.Contains("The two passwords differ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await app.Users.ListAsync(Ct));
    }

    [Fact]
    public async Task ChangePassword_RightCurrentPassword_NewOneWorks()
    {
        await using var app = await StartAsync();
        using var client = await app.ClientForAsync(Roles.Viewer);
        var newPassword = TeamApp.Password + "-new";

        using var changed = await TeamApp.PostFormAsync(client, "/account/password", "change-password",
            new() { ["Input.Current"] = TeamApp.Password, ["Input.New"] = newPassword, ["Input.Confirm"] = newPassword });
        using var fresh = app.CreateClient();
        using var signIn = await TeamApp.SignInAsync(fresh, TeamApp.EmailFor(Roles.Viewer), newPassword);

        Assert.Contains("password-changed", await changed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_SaysSo()
    {
        await using var app = await StartAsync();
        using var client = await app.ClientForAsync(Roles.Viewer);

        using var response = await TeamApp.PostFormAsync(client, "/account/password", "change-password",
            new() { ["Input.Current"] = "not-" + TeamApp.Password, ["Input.New"] = TeamApp.Password + "-2", ["Input.Confirm"] = TeamApp.Password + "-2" });

        Assert.Contains("The current password is wrong", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("teams")]
    [InlineData("")]
    public void UnknownMode_FailsNamingTheKey(string mode)
    {
        var result = new SecurityModeValidator().Validate(null, new SecurityOptions { Mode = mode });

        Assert.True(result.Failed);
        Assert.Contains(SecurityOptions.ModeKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("Team")]
    public void KnownMode_Passes(string mode) =>
        Assert.True(new SecurityModeValidator().Validate(null, new SecurityOptions { Mode = mode }).Succeeded);

    [Fact]
    public void PasswordMinLength_OutOfRange_FailsNamingTheKey()
    {
        var result = new SecurityOptionsValidator().Validate(null, new SecurityOptions { Password = new PasswordRules { MinLength = 4 } });

        Assert.True(result.Failed);
        Assert.Contains("Workbench:Security:Password:MinLength", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalMode_NoSignIn_EverythingAsLocalAdmin()
    {
        await using var factory = new WorkbenchAppFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var users = await client.GetAsync("/settings/users", Ct);
        var me = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<MeResponse>(client, "/api/me", Ct);

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(new MeResponse("local", Roles.Admin), me);
    }

    private static string ErrorText(string page)
    {
        Assert.Contains("data-testid=\"sign-in-error\"", page, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Match(page, "Sign-in failed[^<]*").Value;
    }

    private static FirstAdminSeeder Seeder(TeamApp app, string? email, string? password) => new(
        app.Users,
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [FirstAdminSeeder.EmailVariable] = email, [FirstAdminSeeder.PasswordVariable] = password }).Build(),
        app.Factory.Services.GetRequiredService<IOptions<SecurityOptions>>(),
        NullLogger<FirstAdminSeeder>.Instance);
}

using System.Net;
using Workbench.Core.Persistence;
using Workbench.Security;

namespace Workbench.Tests.Security;

/// <summary>The users page's operations: they keep at least one enabled admin and take effect on sign-in.</summary>
public class UserAdministrationTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private Task<TeamApp> StartAsync(IDictionary<string, string?>? settings = null, bool withAccounts = true) =>
        TeamApp.StartAsync(Provider, settings, withAccounts);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_WithoutPassword_GeneratesOneThatSignsIn()
    {
        await using var app = await StartAsync();

        var created = await app.Users.CreateAsync("new@example.test", Roles.Author, null, Ct);
        using var client = app.CreateClient();
        using var signIn = await TeamApp.SignInAsync(client, "new@example.test", created.GeneratedPassword!);

        Assert.True(created.Succeeded, created.Error);
        Assert.True(created.GeneratedPassword!.Length >= 20);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task Create_BadEmail_SaysSo(string email)
    {
        await using var app = await StartAsync();

        var created = await app.Users.CreateAsync(email, Roles.Viewer, TeamApp.Password, Ct);

        Assert.False(created.Succeeded);
        Assert.Contains("not an e-mail address", created.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DuplicateEmail_Refused()
    {
        await using var app = await StartAsync();

        var created = await app.Users.CreateAsync(TeamApp.EmailFor(Roles.Viewer), Roles.Viewer, TeamApp.Password, Ct);

        Assert.False(created.Succeeded);
        Assert.Contains("already taken", created.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRole_LastAdmin_Refused()
    {
        await using var app = await StartAsync();
        var admin = await FindAsync(app, Roles.Admin);

        var demoted = await app.Users.SetRoleAsync(admin.Id, Roles.Viewer, Ct);

        Assert.False(demoted.Succeeded);
        Assert.Contains("last admin", demoted.Error, StringComparison.Ordinal);
        Assert.Equal(Roles.Admin, (await FindAsync(app, Roles.Admin)).Role);
    }

    [Fact]
    public async Task SetRole_WithAnotherAdmin_DemotesAndTheRoleApplies()
    {
        await using var app = await StartAsync();
        var reviewer = await FindAsync(app, Roles.Reviewer);
        var admin = await FindAsync(app, Roles.Admin);

        Assert.True((await app.Users.SetRoleAsync(reviewer.Id, Roles.Admin, Ct)).Succeeded);
        var demoted = await app.Users.SetRoleAsync(admin.Id, Roles.Viewer, Ct);
        using var client = await app.ClientForAsync(Roles.Reviewer);
        using var users = await client.GetAsync("/settings/users", Ct);

        Assert.True(demoted.Succeeded, demoted.Error);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task Disable_Self_Refused()
    {
        await using var app = await StartAsync();
        var admin = await FindAsync(app, Roles.Admin);

        var result = await app.Users.SetEnabledAsync(admin.Id, false, admin.Id, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("your own account", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_LastAdminByAnotherAccount_Refused()
    {
        await using var app = await StartAsync();
        var admin = await FindAsync(app, Roles.Admin);

        var result = await app.Users.SetEnabledAsync(admin.Id, false, "someone-else", Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("last admin", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_ThenEnable_BlocksThenAllowsSignIn()
    {
        await using var app = await StartAsync();
        var author = await FindAsync(app, Roles.Author);
        var admin = await FindAsync(app, Roles.Admin);
        using var client = app.CreateClient();

        Assert.True((await app.Users.SetEnabledAsync(author.Id, false, admin.Id, Ct)).Succeeded);
        using var blocked = await TeamApp.SignInAsync(client, author.Email, TeamApp.Password);
        var listed = await FindAsync(app, Roles.Author);
        Assert.True((await app.Users.SetEnabledAsync(author.Id, true, admin.Id, Ct)).Succeeded);
        using var allowed = await TeamApp.SignInAsync(client, author.Email, TeamApp.Password);

        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        Assert.True(listed.Disabled);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_Generated_OldOneStopsWorking()
    {
        await using var app = await StartAsync();
        var viewer = await FindAsync(app, Roles.Viewer);
        using var client = app.CreateClient();

        var reset = await app.Users.ResetPasswordAsync(viewer.Id, null, Ct);
        using var old = await TeamApp.SignInAsync(client, viewer.Email, TeamApp.Password);
        using var fresh = await TeamApp.SignInAsync(client, viewer.Email, reset.GeneratedPassword!);

        Assert.True(reset.Succeeded, reset.Error);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task CreateFirstAdmin_AccountsExist_Refused()
    {
        await using var app = await StartAsync();

        var result = await app.Users.CreateFirstAdminAsync("second@example.test", TeamApp.Password, Ct);

        Assert.False(result.Succeeded);
    }

    private static async Task<UserSummary> FindAsync(TeamApp app, string role) =>
        (await app.Users.ListAsync(Ct)).Single(u => u.Email == TeamApp.EmailFor(role));
}

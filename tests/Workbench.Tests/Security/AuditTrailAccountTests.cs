using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Audit;
using Workbench.Security;
using Workbench.Tests.Hosting;

namespace Workbench.Tests.Security;

/// <summary>Sign-in, sign-out, password, users page and first-admin events reach the audit trail (ADR-017), and <c>GET /api/audit</c> reads it.</summary>
public class AuditTrailAccountTests(TeamApp app) : IClassFixture<TeamApp>
{
    private const string CurrentUserAnonymous = Workbench.Hosting.CurrentUser.AnonymousName;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private AuditTrail Trail => app.Factory.Services.GetRequiredService<AuditTrail>();

    private async Task<IReadOnlyList<AuditEntry>> EntriesAsync(string action, string? actor = null, string? target = null) =>
        (await Trail.QueryAsync(new AuditQuery { Action = action, Actor = actor, Target = target, PageSize = AuditQuery.MaxPageSize }, Ct)).Entries;

    private async Task<string> NewAccountAsync(string role = Roles.Viewer)
    {
        var email = $"audit-{Guid.NewGuid():N}@example.test";
        var created = await app.Users.CreateAsync(email, role, TeamApp.Password, Ct);
        Assert.True(created.Succeeded, created.Error);
        return email;
    }

    [Fact]
    public async Task SignIn_RightThenWrongPassword_RecordsSuccessAndFailureForTheAccountWithItsAddress()
    {
        var email = await NewAccountAsync();
        using var client = app.CreateClient();

        using var other = app.CreateClient();
        other.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "203.0.113.9");

        using var right = await TeamApp.SignInAsync(client, email, TeamApp.Password);
        using var wrong = await TeamApp.SignInAsync(other, email, TeamApp.Password + "-wrong");

        var succeeded = Assert.Single(await EntriesAsync(AuditActions.SignInSucceeded, email));
        var failed = Assert.Single(await EntriesAsync(AuditActions.SignInFailed, email));
        Assert.NotNull(succeeded.ActorId);
        Assert.Equal(succeeded.ActorId, failed.TargetId);
        Assert.StartsWith("Wrong password (1 of 5", failed.Details, StringComparison.Ordinal);
        Assert.Equal("203.0.113.9", failed.ClientIp);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_RecordsTheLockout()
    {
        var email = await NewAccountAsync();

        for (var i = 0; i < 5; i++)
        {
            using var failed = await TeamApp.SignInAsync(app.CreateClient(), email, $"wrong-{i}-{TeamApp.Password}");
        }

        Assert.Equal(4, (await EntriesAsync(AuditActions.SignInFailed, email)).Count);
        Assert.Contains("Locked out until", Assert.Single(await EntriesAsync(AuditActions.SignInLockedOut, email)).Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ghost.person@example.net", "Unknown account [EMAIL#1]")]
    [InlineData("not-an-email-Secret123!", "Unknown account (the name typed is not an e-mail address and is not stored).")]
    public async Task SignIn_UnknownName_RecordsOnlyTheRedactedName(string name, string expected)
    {
        var marker = Guid.NewGuid().ToString("N");
        using var response = await TeamApp.SignInAsync(app.CreateClient(), name, TeamApp.Password + marker);

        var entries = await EntriesAsync(AuditActions.SignInFailed, CurrentUserAnonymous);
        Assert.Contains(entries, e => e.Details == expected && e.TargetId is null);
        Assert.DoesNotContain(entries, e => e.Details!.Contains(name, StringComparison.Ordinal) || e.Details.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOutAndPasswordChange_AreRecordedForTheAccount()
    {
        var email = await NewAccountAsync();
        using var client = app.CreateClient();
        using var signedIn = await TeamApp.SignInAsync(client, email, TeamApp.Password);
        var newPassword = TeamApp.Password + "-new";

        using var changed = await TeamApp.PostFormAsync(client, "/account/password", "change-password",
            new() { ["Input.Current"] = TeamApp.Password, ["Input.New"] = newPassword, ["Input.Confirm"] = newPassword });
        using var signedOut = await TeamApp.PostFormAsync(client, "/account/sign-out", null, new() { ["returnUrl"] = "" }, tokenFrom: "/account/password");

        Assert.Single(await EntriesAsync(AuditActions.PasswordChanged, email));
        var signOut = Assert.Single(await EntriesAsync(AuditActions.SignOut, email));
        Assert.NotNull(signOut.ActorId);
    }

    [Fact]
    public async Task UsersPage_Operations_AreRecordedWithTheActingAdmin()
    {
        var email = await NewAccountAsync(Roles.Author);
        var id = (await app.Users.ListAsync(Ct)).Single(u => u.Email == email).Id;

        using (AuditContext.Use(new AuditOrigin("admin-id", TeamApp.EmailFor(Roles.Admin), "192.0.2.1")))
        {
            Assert.True((await app.Users.SetRoleAsync(id, Roles.Reviewer, Ct)).Succeeded);
            Assert.True((await app.Users.SetEnabledAsync(id, false, "admin-id", Ct)).Succeeded);
            Assert.True((await app.Users.SetEnabledAsync(id, true, "admin-id", Ct)).Succeeded);
            Assert.True((await app.Users.ResetPasswordAsync(id, null, Ct)).Succeeded);
        }

        var entries = (await Trail.QueryAsync(new AuditQuery { Target = id, PageSize = 50 }, Ct)).Entries;
        Assert.Equal(
            [AuditActions.UserPasswordReset, AuditActions.UserEnabled, AuditActions.UserDisabled, AuditActions.UserRoleChanged, AuditActions.UserCreated],
            entries.Select(e => e.Action));
        Assert.All(entries.Take(4), e => Assert.Equal((TeamApp.EmailFor(Roles.Admin), "admin-id", "192.0.2.1"), (e.ActorName, e.ActorId, e.ClientIp)));
        Assert.Equal("author → reviewer", entries[3].Details);
        Assert.Equal(email, entries[0].TargetName);
    }

    [Fact]
    public async Task FirstAdmin_FromEnvironment_IsRecorded()
    {
        await using var factory = new WorkbenchAppFactory(new Dictionary<string, string?>
        {
            [SecurityOptions.ModeKey] = SecurityModes.Team,
            [FirstAdminSeeder.EmailVariable] = "first@example.test",
            [FirstAdminSeeder.PasswordVariable] = TeamApp.Password,
        });
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var page = await factory.Services.GetRequiredService<AuditTrail>().QueryAsync(new AuditQuery { Action = AuditActions.SetupFirstAdmin }, Ct);

        var entry = Assert.Single(page.Entries);
        Assert.Equal(("first@example.test", "first@example.test"), (entry.ActorName, entry.TargetName));
        Assert.Contains("WORKBENCH_ADMIN_EMAIL", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditApi_AdminWithFilters_ReturnsMatchingPage()
    {
        var email = await NewAccountAsync();
        using (var wrong = await TeamApp.SignInAsync(app.CreateClient(), email, TeamApp.Password + "-wrong"))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var admin = await app.ClientForAsync(Roles.Admin);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var page = await admin.GetFromJsonAsync<JsonDocument>($"/api/audit?action=signin.failed&actor={Uri.EscapeDataString(email)}&from={today}&to={today}&pageSize=10", Ct);
        using var bad = await admin.GetAsync("/api/audit?action=template.renamed&from=yesterday", Ct);

        Assert.Equal(1, page!.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(email, page.RootElement.GetProperty("entries")[0].GetProperty("actorName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonDocument>(Ct);
        Assert.True(problem!.RootElement.GetProperty("errors").TryGetProperty("action", out _));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("from", out _));
    }
}

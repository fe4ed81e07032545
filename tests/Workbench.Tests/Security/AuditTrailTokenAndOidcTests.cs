using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;
using Workbench.Security;

namespace Workbench.Tests.Security;

/// <summary>API token and OpenID Connect events reach the audit trail (ADR-016, ADR-017), never with the token text.</summary>
public class AuditTrailTokenAndOidcTests(TeamApp app) : IClassFixture<TeamApp>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private AuditTrail Trail => app.Factory.Services.GetRequiredService<AuditTrail>();

    private async Task<IReadOnlyList<AuditEntry>> EntriesAsync(string action, string? target = null) =>
        (await Trail.QueryAsync(new AuditQuery { Action = action, Target = target, PageSize = AuditQuery.MaxPageSize }, Ct)).Entries;

    private async Task<(string Id, string Email)> NewUserAsync(string role)
    {
        var email = $"tok-{Guid.NewGuid():N}@example.test";
        var created = await app.Users.CreateAsync(email, role, TeamApp.Password, Ct);
        Assert.True(created.Succeeded, created.Error);
        return (await app.UserIdAsync(email), email);
    }

    private static OidcSettings Settings() => new()
    {
        Authority = "https://login.example.test/realms/team",
        ClientId = "workbench",
        RoleClaim = "roles",
        RoleMapping = new(StringComparer.OrdinalIgnoreCase) { ["wb-reviewers"] = Roles.Reviewer, ["wb-authors"] = Roles.Author },
        DefaultRole = Roles.Viewer,
    };

    private static ClaimsPrincipal External(string? email, bool verified = true, params string[] roles)
    {
        var claims = new List<Claim> { new("email_verified", verified ? "true" : "false") };
        if (email is not null)
        {
            claims.Add(new Claim("email", email));
        }

        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, OidcSettings.Scheme));
    }

    private async Task<WorkbenchUser?> LinkAsync(ClaimsPrincipal principal)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        using (AuditContext.Use(new AuditOrigin(null, null, "198.51.100.7")))
        {
            return await OidcSignIn.LinkAccountAsync(principal, Settings(), userManager, app.Users, Trail, Ct);
        }
    }

    [Fact]
    public async Task CreateAndRevoke_RecordNameAndHintButNeverTheToken()
    {
        var (id, email) = await NewUserAsync(Roles.Author);
        var created = await app.Tokens.CreateAsync(id, "nightly eval", Roles.Viewer, null, Ct);
        Assert.True(created.Succeeded, created.Error);

        using (AuditContext.Use(new AuditOrigin(id, email, "192.0.2.10")))
        {
            Assert.True((await app.Tokens.RevokeAsync(created.Summary!.Id, id, actingIsAdmin: false, Ct)).Succeeded);
            Assert.True((await app.Tokens.RevokeAsync(created.Summary.Id, id, actingIsAdmin: false, Ct)).Succeeded);
        }

        var target = created.Summary.Id.ToString();
        var made = Assert.Single(await EntriesAsync(AuditActions.TokenCreated, target));
        var revoked = Assert.Single(await EntriesAsync(AuditActions.TokenRevoked, target));
        Assert.Equal((AuditTargets.ApiToken, "nightly eval"), (made.TargetKind, made.TargetName));
        Assert.Contains($"hint {created.Summary.Hint}", made.Details, StringComparison.Ordinal);
        Assert.Contains("role viewer", made.Details, StringComparison.Ordinal);
        Assert.Equal((id, email, "192.0.2.10"), (revoked.ActorId, revoked.ActorName, revoked.ClientIp));
        foreach (var entry in (await Trail.QueryAsync(new AuditQuery { PageSize = AuditQuery.MaxPageSize }, Ct)).Entries)
        {
            Assert.DoesNotContain(created.Token!, entry.Details ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Create_Refused_RecordsNothing()
    {
        var (id, _) = await NewUserAsync(Roles.Viewer);

        var refused = await app.Tokens.CreateAsync(id, "too strong", Roles.Admin, null, Ct);

        Assert.False(refused.Succeeded);
        Assert.DoesNotContain(await EntriesAsync(AuditActions.TokenCreated), e => e.TargetName == "too strong");
    }

    [Fact]
    public async Task Api_RevokedTokenUsedTwice_RecordsOneRefusalWithTheAddressAndNoToken()
    {
        var (id, _) = await NewUserAsync(Roles.Viewer);
        var created = await app.Tokens.CreateAsync(id, "old ci", Roles.Viewer, null, Ct);
        Assert.True((await app.Tokens.RevokeAsync(created.Summary!.Id, id, actingIsAdmin: false, Ct)).Succeeded);
        using var client = app.BearerClient(created.Token!);
        client.DefaultRequestHeaders.Add(TestRemoteAddress.Header, "203.0.113.44");

        using var first = await client.GetAsync("/api/templates", Ct);
        using var second = await client.GetAsync("/api/templates", Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (first.StatusCode, second.StatusCode));
        var refused = Assert.Single(await EntriesAsync(AuditActions.TokenRefused, created.Summary.Id.ToString()));
        Assert.StartsWith("A revoked token was used", refused.Details, StringComparison.Ordinal);
        Assert.Equal(("anonymous", "203.0.113.44"), (refused.ActorName, refused.ClientIp));
        Assert.DoesNotContain(created.Token!, refused.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_ExpiredToken_RecordsOncePerHour()
    {
        var (id, _) = await NewUserAsync(Roles.Viewer);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new ApiTokenService(app.Factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WorkbenchDbContext>>(), clock);
        var created = await tokens.CreateAsync(id, "short-lived", Roles.Viewer, clock.GetUtcNow().UtcDateTime.AddMinutes(5), Ct);
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(ApiTokenFailure.Expired, (await tokens.AuthenticateAsync(created.Token, Ct)).Failure);
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(ApiTokenFailure.Expired, (await tokens.AuthenticateAsync(created.Token, Ct)).Failure);
        clock.Advance(ApiTokenService.RefusalAuditInterval);
        Assert.Equal(ApiTokenFailure.Expired, (await tokens.AuthenticateAsync(created.Token, Ct)).Failure);

        var refusals = await EntriesAsync(AuditActions.TokenRefused, created.Summary!.Id.ToString());
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, e => Assert.StartsWith("An expired token was used", e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_UnknownToken_RecordsNothing()
    {
        var before = (await EntriesAsync(AuditActions.TokenRefused)).Count;
        using var client = app.BearerClient("pwb_" + new string('x', 43));

        using var response = await client.GetAsync("/api/templates", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, (await EntriesAsync(AuditActions.TokenRefused)).Count);
    }

    [Fact]
    public async Task Oidc_NewAccount_RecordsProvisioningWithTheMappedRoleThenTheSignIn()
    {
        var email = $"sso-{Guid.NewGuid():N}@example.test";

        var user = await LinkAsync(External(email, verified: true, "wb-authors"));

        Assert.NotNull(user);
        var created = Assert.Single(await EntriesAsync(AuditActions.UserCreated, user.Id));
        Assert.Equal((email, "198.51.100.7"), (created.ActorName, created.ClientIp));
        Assert.Contains("Role author", created.Details, StringComparison.Ordinal);
        Assert.Contains("provisioned at OpenID Connect sign-in", created.Details, StringComparison.Ordinal);
        var signedIn = Assert.Single(await EntriesAsync(AuditActions.SignInSucceeded, user.Id));
        Assert.Equal(("OpenID Connect", user.Id), (signedIn.Details, signedIn.ActorId));
        Assert.Equal(Roles.Author, (await app.Users.ListAsync(Ct)).Single(u => u.Id == user.Id).Role);
    }

    [Fact]
    public async Task Oidc_RoleClaimChangesTheRole_RecordsTheChangeOnlyWhenItDiffers()
    {
        var (id, email) = await NewUserAsync(Roles.Viewer);

        Assert.NotNull(await LinkAsync(External(email, verified: true, "wb-reviewers")));
        Assert.NotNull(await LinkAsync(External(email, verified: true, "wb-reviewers")));

        var changed = Assert.Single(await EntriesAsync(AuditActions.UserRoleChanged, id));
        Assert.StartsWith("viewer → reviewer; from the 'roles' claim at OpenID Connect sign-in", changed.Details, StringComparison.Ordinal);
        Assert.Equal(email, changed.ActorName);
        Assert.Equal(2, (await EntriesAsync(AuditActions.SignInSucceeded, id)).Count(e => e.Details == "OpenID Connect"));
    }

    [Fact]
    public async Task Oidc_UnverifiedEmailOrDisabledAccount_RecordsAFailure()
    {
        var (id, email) = await NewUserAsync(Roles.Viewer);
        Assert.True((await app.Users.SetEnabledAsync(id, enabled: false, actingUserId: null, Ct)).Succeeded);
        var unverified = $"unverified-{Guid.NewGuid():N}@example.test";

        Assert.Null(await LinkAsync(External(unverified, verified: false)));
        Assert.Null(await LinkAsync(External(email, verified: true)));

        var failures = await EntriesAsync(AuditActions.SignInFailed);
        Assert.Contains(failures, e => e.Details == "OpenID Connect: the identity provider sent no verified e-mail address." && e.ActorName == "anonymous");
        Assert.Contains(failures, e => e.TargetId == id && e.Details == "OpenID Connect: the account is disabled.");
        Assert.DoesNotContain(await app.Users.ListAsync(Ct), u => u.Email == unverified);
        Assert.Empty(await EntriesAsync(AuditActions.SignInSucceeded, id));
    }
}

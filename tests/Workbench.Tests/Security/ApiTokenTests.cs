using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workbench.Core.Persistence;
using Workbench.Core.Tokens;
using Workbench.Security;

namespace Workbench.Tests.Security;

/// <summary>Personal API tokens in team mode: creation rules, the bearer handler over real HTTP, revocation, expiry, last use.</summary>
public class ApiTokenTests(TeamApp app) : IClassFixture<TeamApp>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private IDbContextFactory<WorkbenchDbContext> Db => app.Factory.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>();

    /// <summary>A fresh account per test, so role changes and disabling do not touch the shared ones.</summary>
    private async Task<string> NewUserAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        var created = await app.Users.CreateAsync(email, role, TeamApp.Password, Ct);
        Assert.True(created.Succeeded, created.Error);
        return await app.UserIdAsync(email);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Create_CapAboveOwnersRole_IsRefused()
    {
        var author = await NewUserAsync(Roles.Author);

        var result = await app.Tokens.CreateAsync(author, "ci", Roles.Admin, null, Ct);

        Assert.False(result.Succeeded);
        Assert.Null(result.Token);
        Assert.Contains("more rights than its owner", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Give the token a name")]
    [InlineData("   ", "Give the token a name")]
    [InlineData("nobody", "Unknown role")]
    public async Task Create_BadNameOrRole_SaysWhatIsWrong(string nameOrRole, string message)
    {
        var viewer = await NewUserAsync(Roles.Viewer);

        var result = nameOrRole == "nobody"
            ? await app.Tokens.CreateAsync(viewer, "ci", nameOrRole, null, Ct)
            : await app.Tokens.CreateAsync(viewer, nameOrRole, Roles.Viewer, null, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ExpiryInThePast_IsRefused()
    {
        var viewer = await NewUserAsync(Roles.Viewer);

        var result = await app.Tokens.CreateAsync(viewer, "ci", Roles.Viewer, DateTime.UtcNow.AddMinutes(-1), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("future", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Valid_StoresOnlyTheHashAndAHint()
    {
        var author = await NewUserAsync(Roles.Author);

        var result = await app.Tokens.CreateAsync(author, "ci pipeline", Roles.Viewer, null, Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(ApiTokenText.HasTokenShape(result.Token));
        await using var db = await Db.CreateDbContextAsync(Ct);
        var stored = await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == result.Summary!.Id, Ct);
        Assert.Equal(ApiTokenText.Hash(result.Token!), stored.TokenHash);
        Assert.Equal(Roles.Viewer, stored.Role);
        Assert.DoesNotContain(result.Token!, string.Join("|", stored.Name, stored.Hint, stored.TokenHash, stored.Role), StringComparison.Ordinal);
        Assert.StartsWith(stored.Hint.TrimEnd('…'), result.Token!, StringComparison.Ordinal);
        var listed = Assert.Single(await app.Tokens.ListAsync(author, Ct));
        Assert.Equal(("ci pipeline", stored.Hint, (DateTime?)null), (listed.Name, listed.Hint, listed.LastUsedAtUtc));
    }

    [Fact]
    public async Task Api_TokenCappedBelowOwner_ActsWithTheCap()
    {
        var reviewer = await NewUserAsync(Roles.Reviewer);
        var created = await app.Tokens.CreateAsync(reviewer, "read only", Roles.Viewer, null, Ct);
        using var client = app.BearerClient(created.Token!);

        var me = await client.GetFromJsonAsync<MeResponse>("/api/me", Ct);
        using var write = await client.PostAsync("/api/templates", JsonContent.Create(new { name = "x" }), Ct);

        Assert.Equal(Roles.Viewer, me!.Role);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Api_OwnerDemotedAfterCreation_TokenActsWithTheNewRole()
    {
        var author = await NewUserAsync(Roles.Author);
        var created = await app.Tokens.CreateAsync(author, "ci", Roles.Author, null, Ct);
        using var client = app.BearerClient(created.Token!);
        Assert.Equal(Roles.Author, (await client.GetFromJsonAsync<MeResponse>("/api/me", Ct))!.Role);

        Assert.True((await app.Users.SetRoleAsync(author, Roles.Viewer, Ct)).Succeeded);

        Assert.Equal(Roles.Viewer, (await client.GetFromJsonAsync<MeResponse>("/api/me", Ct))!.Role);
    }

    [Fact]
    public async Task Api_RevokedToken_Gets401SayingRevoked()
    {
        var viewer = await NewUserAsync(Roles.Viewer);
        var created = await app.Tokens.CreateAsync(viewer, "ci", Roles.Viewer, null, Ct);
        Assert.True((await app.Tokens.RevokeAsync(created.Summary!.Id, viewer, actingIsAdmin: false, Ct)).Succeeded);
        using var client = app.BearerClient(created.Token!);

        using var response = await client.GetAsync("/api/templates", Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.Token!, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Api_ExpiredToken_Gets401SayingExpired()
    {
        var viewer = await NewUserAsync(Roles.Viewer);
        // Created "a year ago" with a month of validity: expired now.
        var past = new ApiTokenService(Db, new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(-1)));
        var created = await past.CreateAsync(viewer, "old", Roles.Viewer, DateTime.UtcNow.AddYears(-1).AddMonths(1), Ct);
        Assert.True(created.Succeeded, created.Error);
        using var client = app.BearerClient(created.Token!);

        using var response = await client.GetAsync("/api/templates", Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pwb_not-a-token")]
    [InlineData("pwb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("something else")]
    public async Task Api_UnknownToken_Gets401SayingUnknownWithoutEchoingIt(string token)
    {
        using var client = app.BearerClient(token);

        using var response = await client.GetAsync("/api/me", Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("unknown", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_TokenOfDisabledAccount_Gets401SayingDisabled()
    {
        var author = await NewUserAsync(Roles.Author);
        var created = await app.Tokens.CreateAsync(author, "ci", Roles.Author, null, Ct);
        Assert.True((await app.Users.SetEnabledAsync(author, false, actingUserId: null, Ct)).Succeeded);
        using var client = app.BearerClient(created.Token!);

        using var response = await client.GetAsync("/api/me", Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("disabled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_NoTokenAndNoCookie_Gets401ProblemSayingHowToAuthenticate()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/templates", Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Authorization: Bearer pwb_", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_SomeoneElsesTokenAsNonAdmin_IsRefusedAndTokenStillWorks()
    {
        var owner = await NewUserAsync(Roles.Viewer);
        var other = await NewUserAsync(Roles.Reviewer);
        var created = await app.Tokens.CreateAsync(owner, "ci", Roles.Viewer, null, Ct);

        var refused = await app.Tokens.RevokeAsync(created.Summary!.Id, other, actingIsAdmin: false, Ct);
        var byAdmin = await app.Tokens.RevokeAsync(created.Summary.Id, other, actingIsAdmin: true, Ct);

        Assert.False(refused.Succeeded);
        Assert.True(byAdmin.Succeeded);
        Assert.NotNull(Assert.Single(await app.Tokens.ListAsync(owner, Ct)).RevokedAtUtc);
    }

    [Fact]
    public async Task Authenticate_RepeatedWithinAMinute_WritesLastUsedOncePerMinute()
    {
        var viewer = await NewUserAsync(Roles.Viewer);
        // Whole seconds: PostgreSQL keeps microseconds, not .NET's 100 ns ticks (ApiTokenPostgreSqlTests runs this too).
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
        var tokens = new ApiTokenService(Db, clock);
        var created = await tokens.CreateAsync(viewer, "ci", Roles.Viewer, null, Ct);
        var first = clock.GetUtcNow().UtcDateTime;

        Assert.True((await tokens.AuthenticateAsync(created.Token, Ct)).Succeeded);
        Assert.Equal(first, await LastUsedAsync(created.Summary!.Id));

        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.True((await tokens.AuthenticateAsync(created.Token, Ct)).Succeeded);
        Assert.Equal(first, await LastUsedAsync(created.Summary.Id));

        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True((await tokens.AuthenticateAsync(created.Token, Ct)).Succeeded);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, await LastUsedAsync(created.Summary.Id));
    }

    [Fact]
    public async Task Api_ValidToken_RecordsLastUse()
    {
        var viewer = await NewUserAsync(Roles.Viewer);
        var created = await app.Tokens.CreateAsync(viewer, "ci", Roles.Viewer, null, Ct);
        using var client = app.BearerClient(created.Token!);

        using var response = await client.GetAsync("/api/templates", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await LastUsedAsync(created.Summary!.Id));
    }

    private async Task<DateTime?> LastUsedAsync(Guid id)
    {
        await using var db = await Db.CreateDbContextAsync(Ct);
        return await db.ApiTokens.AsNoTracking().Where(t => t.Id == id).Select(t => t.LastUsedAtUtc).SingleAsync(Ct);
    }
}

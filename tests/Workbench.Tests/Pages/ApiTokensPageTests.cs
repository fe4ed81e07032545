using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages.Tokens;
using Workbench.Core.Persistence;
using Workbench.Core.Tokens;
using Workbench.Security;

namespace Workbench.Tests.Pages;

public sealed class ApiTokensPageTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<PageTestContext> TeamContextAsync(string role)
    {
        var ctx = new PageTestContext(
            new Dictionary<string, string?> { [SecurityOptions.ModeKey] = SecurityModes.Team },
            services =>
            {
                services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName);
                services.AddSingleton<ApiTokenService>();
            });
        // The account the page acts for, with its role, straight in the database (no Identity managers in bUnit).
        await using (var db = await ctx.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct))
        {
            var roleEntity = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(roleEntity);
            db.Users.Add(new WorkbenchUser { Id = "u1", UserName = "ana@example.test", Email = "ana@example.test" });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "u1", RoleId = roleEntity.Id });
            await db.SaveChangesAsync(Ct);
        }

        ctx.SignInAs("ana@example.test", role);
        ctx.Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "u1"));
        return ctx;
    }

    [Fact]
    public async Task Create_Team_ShowsTokenOnceAndListsOnlyItsHint()
    {
        await using var ctx = await TeamContextAsync(Roles.Author);
        var page = ctx.Render<ApiTokens>();
        page.WaitForAssertion(() => page.Find("[data-testid=no-tokens]"));

        page.Find("[data-testid=new-token-name]").Input("ci pipeline");
        page.Find("[data-testid=create-token]").Click();

        var token = page.WaitForElement("[data-testid=token-text]").TextContent;
        Assert.True(ApiTokenText.HasTokenShape(token));
        page.WaitForAssertion(() => Assert.Equal(ApiTokenText.Hint(token), page.Find("[data-testid=token-hint]").TextContent));
        Assert.Equal("ci pipeline", page.Find("[data-testid=token-name]").TextContent);
        Assert.Single(page.FindAll("[data-testid=token-text]"));
    }

    [Fact]
    public async Task Revoke_OwnToken_MarksItRevoked()
    {
        await using var ctx = await TeamContextAsync(Roles.Viewer);
        var created = await ctx.Services.GetRequiredService<ApiTokenService>().CreateAsync("u1", "laptop", Roles.Viewer, null, Ct);
        Assert.True(created.Succeeded, created.Error);
        var page = ctx.Render<ApiTokens>();
        page.WaitForAssertion(() => page.Find("[data-testid=revoke-token]"));

        page.Find("[data-testid=revoke-token]").Click();

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("[data-testid=token-status]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=revoke-token]"));
    }

    [Fact]
    public async Task Page_LocalMode_SaysNoTokenIsNeeded()
    {
        await using var ctx = new PageTestContext(configureServices: services =>
        {
            services.AddOptions<SecurityOptions>();
            services.AddSingleton<ApiTokenService>();
        });

        var page = ctx.Render<ApiTokens>();

        Assert.Contains("needs no token", page.Find("[data-testid=tokens-local-mode]").TextContent, StringComparison.Ordinal);
    }
}

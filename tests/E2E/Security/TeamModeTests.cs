using Microsoft.Playwright;
using Workbench.E2E.Infrastructure;
using Workbench.E2E.Tour;
using static Microsoft.Playwright.Assertions;

namespace Workbench.E2E.Security;

/// <summary>Team mode in a real browser: sign in through the static form, manage users in the circuit, sign out.</summary>
public class TeamModeTests(BrowserFixture browser)
{
    private static readonly string Password = string.Join("-", "test", "only", "pass", "phrase", "42");

    [Fact]
    public async Task TeamMode_AdminSignsIn_CreatesAUserAndSignsOut()
    {
        await using var server = await WorkbenchServer.StartTeamModeAsync(Password);
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;

        await page.GotoAsync("settings/users");
        await Expect(page.Locator("[data-testid=sign-in-form]")).ToBeVisibleAsync();
        await ShotAsync(page, "team-sign-in");
        await page.FillAsync("[data-testid=email]", "admin@example.test");
        await page.FillAsync("[data-testid=password]", Password);
        await page.ClickAsync("[data-testid=sign-in]");

        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("[data-testid=users-table]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=user-name]")).ToContainTextAsync("admin@example.test");
        await page.Locator("input[data-testid=new-user-email], [data-testid=new-user-email] input").First.FillAsync("author@example.test");
        await page.ClickAsync("[data-testid=create-user]");
        await Expect(page.Locator("[data-testid=generated-password]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=users-table]")).ToContainTextAsync("author@example.test");
        await ShotAsync(page, "team-users");

        await session.GotoAsync("templates");
        await page.ClickAsync("[data-testid=sign-out]");
        await Expect(page.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task TeamMode_WrongPassword_ShowsUpOnTheAuditPageForAnAdmin()
    {
        await using var server = await WorkbenchServer.StartTeamModeAsync(Password);
        await using var session = await browser.NewPageAsync(server);
        var page = session.Page;

        await page.GotoAsync("account/sign-in");
        await page.FillAsync("[data-testid=email]", "admin@example.test");
        await page.FillAsync("[data-testid=password]", Password + "-wrong");
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.Locator("[data-testid=sign-in-form]")).ToBeVisibleAsync();
        await page.GotoAsync("settings/audit?action=signin.failed");
        await page.FillAsync("[data-testid=email]", "admin@example.test");
        await page.FillAsync("[data-testid=password]", Password);
        await page.ClickAsync("[data-testid=sign-in]");

        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("[data-testid=audit-table]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=audit-row-action]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=audit-row-actor]")).ToContainTextAsync("admin@example.test");
        await Expect(page.Locator("[data-testid=audit-row-details]")).ToContainTextAsync("Wrong password (1 of 5");
        await ShotAsync(page, "team-audit");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task TeamMode_SignInWithOidcAndTokensPage_ShowTheButtonTheTokenOnceAndTheListAtEverySizeAndTheme()
    {
        await using var server = await WorkbenchServer.StartTeamModeAsync(Password, new Dictionary<string, string?>
        {
            ["Workbench:Security:Oidc:Authority"] = "https://login.example.test/realms/team",
            ["Workbench:Security:Oidc:ClientId"] = "workbench",
            ["Workbench:Security:Oidc:DisplayName"] = "Example SSO",
        });
        foreach (var (sizeName, size) in new[] { ("desktop", Viewports.Desktop), ("narrow", Viewports.Narrow) })
        {
            foreach (var dark in new[] { false, true })
            {
                var suffix = $"{sizeName}-{(dark ? "dark" : "light")}";
                await using var session = await browser.NewPageAsync(server, size, darkMode: dark);
                var page = session.Page;
                await page.GotoAsync("account/sign-in");
                await Expect(page.Locator("[data-testid=oidc-sign-in]")).ToContainTextAsync("Example SSO");
                // The static sign-in page follows the same light/dark choice as the app.
                var shell = await page.Locator(".account-shell").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
                Assert.Equal(dark ? "rgb(39, 39, 47)" : "rgb(245, 245, 245)", shell);
                await ShotAsync(page, $"team-sign-in-oidc-{suffix}");
                await page.FillAsync("[data-testid=email]", "admin@example.test");
                await page.FillAsync("[data-testid=password]", Password);
                await page.ClickAsync("[data-testid=sign-in]");
                await session.WaitForInteractiveAsync();

                await session.GotoAsync("account/tokens");
                // The app title shortens instead of wrapping next to the account buttons on a phone.
                var title = page.Locator("[data-testid=app-title]");
                var lineHeight = await title.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).lineHeight)");
                Assert.True((await title.BoundingBoxAsync())!.Height < lineHeight * 1.5, "The app title wrapped onto a second line.");
                await page.Locator("input[data-testid=new-token-name], [data-testid=new-token-name] input").First.FillAsync($"CI {suffix}");
                await page.ClickAsync("[data-testid=create-token]");
                var shown = page.Locator("[data-testid=token-text]");
                await Expect(shown).ToBeVisibleAsync();
                var token = (await shown.TextContentAsync() ?? "").Trim();
                Assert.StartsWith("pwb_", token, StringComparison.Ordinal);
                await ShotAsync(page, $"team-tokens-created-{suffix}");

                await session.ReloadAsync();
                await Expect(page.Locator("[data-testid=tokens-table]")).ToContainTextAsync($"CI {suffix}");
                Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
                await ShotAsync(page, $"team-tokens-list-{suffix}");
                Assert.Empty(session.Errors);
            }
        }
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable(ScreenshotTourTests.FolderVariable);
        if (!string.IsNullOrWhiteSpace(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}

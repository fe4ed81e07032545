using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages.Settings;
using Workbench.Core.Audit;

namespace Workbench.Tests.Pages;

public class AuditLogTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task SeedAsync(PageTestContext context)
    {
        var trail = context.Services.GetRequiredService<AuditTrail>();
        using (AuditContext.Use(new AuditOrigin("id-ann", "ann@example.test", "10.0.0.7")))
        {
            await trail.RecordAsync(new AuditEvent(AuditActions.TemplateVersionCreated, AuditTargets.Template, "t-1", "Trip quote", "v2: ask planted.person@example.org"), Ct);
            await trail.RecordAsync(new AuditEvent(AuditActions.RunDeleted, AuditTargets.Run, "run-1", null), Ct);
        }

        await trail.RecordAsync(new AuditEvent(AuditActions.SignInFailed, AuditTargets.User, null, null, "Unknown account someone@example.org") { ActorName = "anonymous" }, Ct);
    }

    /// <summary>Renders the page at a URL: query parameters reach it through the NavigationManager, as in the app.</summary>
    private static IRenderedComponent<AuditLog> RenderAt(PageTestContext context, string query)
    {
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("settings/audit" + query);
        return context.Render<AuditLog>();
    }

    [Fact]
    public async Task AuditLog_EmptyTrail_ShowsEmptyState()
    {
        await using var context = new PageTestContext();

        var page = context.Render<AuditLog>();

        page.WaitForAssertion(() => Assert.Contains("nothing has been recorded yet", page.Find("[data-testid=audit-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=audit-table]"));
    }

    [Fact]
    public async Task AuditLog_NoFilter_ListsNewestFirstWithRedactedPlaceholders()
    {
        await using var context = new PageTestContext();
        await SeedAsync(context);

        var page = context.Render<AuditLog>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=audit-row-action]").Count));
        Assert.Equal([AuditActions.SignInFailed, AuditActions.RunDeleted, AuditActions.TemplateVersionCreated], page.FindAll("[data-testid=audit-row-action]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["[EMAIL#1]", "[EMAIL#1]"], page.FindAll("[data-testid=redacted-placeholder]").Select(p => p.TextContent));
        Assert.DoesNotContain("planted.person@example.org", page.Markup, StringComparison.Ordinal);
        Assert.Contains("3 entries", page.Find("[data-testid=audit-total]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLog_FiltersFromTheUrl_ShowOnlyMatchingEntries()
    {
        await using var context = new PageTestContext();
        await SeedAsync(context);

        var page = RenderAt(context, $"?actor=ann%40example.test&action={AuditActions.RunDeleted}");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=audit-row-action]")));
        Assert.Contains("run-1", page.Find("[data-testid=audit-row-target]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=audit-clear]"));
    }

    [Fact]
    public async Task AuditLog_FilterMatchesNothing_SaysSoAndOffersToClear()
    {
        await using var context = new PageTestContext();
        await SeedAsync(context);
        var page = RenderAt(context, "?target=no-such-target");

        page.WaitForAssertion(() => Assert.Contains("No audit entry matches", page.Find("[data-testid=audit-empty]").TextContent, StringComparison.Ordinal));

        Assert.Equal("settings/audit", page.Find("[data-testid=audit-clear]").GetAttribute("href"));
    }

    [Fact]
    public async Task AuditLog_BadDateInTheUrl_WarnsNamingTheFilterAndShowsEverything()
    {
        await using var context = new PageTestContext();
        await SeedAsync(context);

        var page = RenderAt(context, "?from=yesterday");

        page.WaitForAssertion(() => Assert.Contains("from:", page.Find("[data-testid=audit-filter-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(3, page.FindAll("[data-testid=audit-row-action]").Count);
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages.Templates;
using Workbench.Core.Templates;

namespace Workbench.Tests.Pages;

public class TemplateListTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task CreateAsync(PageTestContext context, string name, string description, params string[] tags)
    {
        var example = ExampleTemplates.All[0];
        var result = await context.Services.GetRequiredService<TemplateService>().CreateAsync(new NewTemplate(name, description, tags, example.Content), "local", Ct);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task TemplateList_NoTemplates_ShowsEmptyStateWithExamples()
    {
        await using var context = new PageTestContext();

        var cut = context.Render<TemplateList>();

        cut.WaitForElement("[data-testid=empty-state]");
        Assert.Equal(ExampleTemplates.All.Count, cut.FindAll("[data-testid^=use-example-]").Count);
        Assert.Contains("Extract contact details", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=template-table]"));
    }

    [Fact]
    public async Task TemplateList_WithTemplates_ListsThemWithVersionAndTags()
    {
        await using var context = new PageTestContext();
        await CreateAsync(context, "Contact extractor", "Pulls emails out", "extraction");
        await CreateAsync(context, "Ticket triage", "Classifies tickets", "support");

        var cut = context.Render<TemplateList>();

        var table = cut.WaitForElement("[data-testid=template-table]");
        Assert.Contains("Contact extractor", table.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ticket triage", table.TextContent, StringComparison.Ordinal);
        Assert.Contains("v1", table.TextContent, StringComparison.Ordinal);
        Assert.Contains("#support", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateList_SearchInUrl_FiltersAndNoMatchSaysSo()
    {
        await using var context = new PageTestContext();
        await CreateAsync(context, "Contact extractor", "Pulls emails out");
        await CreateAsync(context, "Ticket triage", "Classifies tickets");
        var navigation = context.Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo("templates?q=EMAILS");
        var cut = context.Render<TemplateList>();
        cut.WaitForAssertion(() => Assert.DoesNotContain("Ticket triage", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("Contact extractor", cut.Markup, StringComparison.Ordinal);

        navigation.NavigateTo("templates?q=nothing-like-this");
        var none = context.Render<TemplateList>();
        none.WaitForElement("[data-testid=no-matches]");
    }
}

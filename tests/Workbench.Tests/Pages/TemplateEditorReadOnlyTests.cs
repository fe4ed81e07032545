using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Workbench.Components.Pages.Templates;
using Workbench.Core.Templates;
using Workbench.Security;

namespace Workbench.Tests.Pages;

public class TemplateEditorReadOnlyTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<IRenderedComponent<TemplateEditor>> RenderEditorAsync(PageTestContext context, string role)
    {
        var created = await context.Services.GetRequiredService<TemplateService>()
            .CreateAsync(new NewTemplate("Quote", null, [], ExampleTemplates.All[0].Content), "local", Ct);
        Assert.True(created.Succeeded);
        context.SignInAs($"{role}@example.test", role);
        context.Render<MudPopoverProvider>();
        var editor = context.Render<TemplateEditor>(p => p.Add(x => x.TemplateId, created.Value!.Id));
        editor.WaitForElement("[data-testid=template-name]");
        return editor;
    }

    [Fact]
    public async Task Editor_Viewer_SaysUpFrontThatSavingNeedsTheAuthorRole()
    {
        await using var context = new PageTestContext();
        var editor = await RenderEditorAsync(context, Roles.Viewer);

        Assert.Contains("need the author role", editor.Find("[data-testid=read-only-note]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Author)]
    [InlineData(Roles.Admin)]
    public async Task Editor_RoleThatMayEdit_ShowsNoReadOnlyNote(string role)
    {
        await using var context = new PageTestContext();
        var editor = await RenderEditorAsync(context, role);

        Assert.Empty(editor.FindAll("[data-testid=read-only-note]"));
    }
}

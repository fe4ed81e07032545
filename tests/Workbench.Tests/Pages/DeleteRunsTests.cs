using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Workbench.Components.Pages.Templates;
using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Templates;

namespace Workbench.Tests.Pages;

public class DeleteRunsTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<Guid> CreateTemplateAsync(PageTestContext context, string name)
    {
        var created = await context.Services.GetRequiredService<TemplateService>()
            .CreateAsync(new NewTemplate(name, null, [], ExampleTemplates.All[0].Content), "local", Ct);
        Assert.True(created.Succeeded);
        return created.Value!.Id;
    }

    private static async Task AddRunsAsync(PageTestContext context, Guid templateId, int count, RunStatus status = RunStatus.Valid)
    {
        var factory = context.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            db.Runs.Add(new RunEntity
            {
                Id = Guid.NewGuid(),
                TemplateName = "t",
                TemplateId = templateId,
                Status = status,
                CreatedAtUtc = now,
                FinishedAtUtc = status is RunStatus.Queued or RunStatus.Running ? null : now,
            });
        }

        await db.SaveChangesAsync(Ct);
    }

    private static async Task<int> CountRunsAsync(PageTestContext context)
    {
        var factory = context.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Ct);
        return await db.Runs.CountAsync(Ct);
    }

    /// <summary>
    /// Renders the editor with the providers its menu and dialog need, then opens "Delete all runs". The returned task is
    /// the menu item's handler: it completes once the dialog is answered and the delete is done.
    /// </summary>
    private static async Task<(IRenderedComponent<MudDialogProvider> Dialogs, Task Handler)> OpenDeleteDialogAsync(PageTestContext context, Guid templateId)
    {
        var popovers = context.Render<MudPopoverProvider>();
        var dialogs = context.Render<MudDialogProvider>();
        var editor = context.Render<TemplateEditor>(p => p.Add(x => x.TemplateId, templateId));
        editor.WaitForElement("[data-testid=template-menu] button");
        await editor.Find("[data-testid=template-menu] button").ClickAsync(new());
        var handler = popovers.WaitForElement("[data-testid=delete-all-runs]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=delete-runs-count]");
        return (dialogs, handler);
    }

    [Fact]
    public async Task DeleteAllRuns_Confirmed_DialogShowsTheCountThenDeletesThoseRunsAndReports()
    {
        await using var context = new PageTestContext();
        var template = await CreateTemplateAsync(context, "Quote");
        var other = await CreateTemplateAsync(context, "Other");
        await AddRunsAsync(context, template, 3);
        await AddRunsAsync(context, template, 1, RunStatus.Running);
        await AddRunsAsync(context, other, 2);

        var (dialogs, handler) = await OpenDeleteDialogAsync(context, template);

        Assert.Contains("Delete 3 runs of template Quote", dialogs.Find("[data-testid=delete-runs-count]").TextContent, StringComparison.Ordinal);
        await dialogs.Find("[data-testid=confirm-delete-runs]").ClickAsync(new());
        await handler.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Empty(dialogs.FindAll("[data-testid=delete-runs-count]"));
        var snackbar = context.Services.GetRequiredService<ISnackbar>();
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message == "Deleted 3 runs of Quote." && s.Severity == Severity.Success);
        Assert.Equal(3, await CountRunsAsync(context)); // the running run and the other template's two
    }

    [Fact]
    public async Task DeleteAllRuns_Cancelled_DeletesNothing()
    {
        await using var context = new PageTestContext();
        var template = await CreateTemplateAsync(context, "Quote");
        await AddRunsAsync(context, template, 1);

        var (dialogs, handler) = await OpenDeleteDialogAsync(context, template);
        Assert.Contains("Delete 1 run of template Quote", dialogs.Find("[data-testid=delete-runs-count]").TextContent, StringComparison.Ordinal);
        await dialogs.Find("[data-testid=cancel-delete-runs]").ClickAsync(new());

        await handler.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Empty(dialogs.FindAll("[data-testid=delete-runs-count]"));
        Assert.Equal(1, await CountRunsAsync(context));
    }

    [Fact]
    public async Task DeleteAllRuns_NoRuns_SaysSoAndDisablesDelete()
    {
        await using var context = new PageTestContext();
        var template = await CreateTemplateAsync(context, "Quote");

        var (dialogs, _) = await OpenDeleteDialogAsync(context, template);

        Assert.Contains("has no finished runs to delete", dialogs.Find("[data-testid=delete-runs-count]").TextContent, StringComparison.Ordinal);
        Assert.True(dialogs.Find("[data-testid=confirm-delete-runs]").HasAttribute("disabled"));
    }
}

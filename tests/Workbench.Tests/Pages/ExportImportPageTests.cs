using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Workbench.Components.Pages.Templates;
using Workbench.Core.Export;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Tests.Pages;

public class ExportImportPageTests
{
    private const string Schema = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static PageTestContext Validated() =>
        new(configureServices: services => services.AddSingleton<IExportEvidence>(new AllPassed()));

    private static async Task<TemplateSummary> CreateAsync(PageTestContext context, string name, bool linkSchema = true, string user = "Extract the contact from {{ text }}")
    {
        OutputSchemaLink? link = null;
        if (linkSchema)
        {
            var schema = await context.Services.GetRequiredService<SchemaService>().CreateAsync(new NewSchema(name + " output", null, Schema), "local", Ct);
            link = new OutputSchemaLink(schema.Value!.Id, 1);
        }

        var content = new TemplateContent(
            [new TemplateMessage(MessageRole.System, "You extract contacts."), new TemplateMessage(MessageRole.User, user)],
            ModelSettings.Default, [new VariableDeclaration("text", null, true, null, "Ada")], link);
        var created = await context.Services.GetRequiredService<TemplateService>().CreateAsync(new NewTemplate(name, "Contacts", [], content), "local", Ct);
        Assert.True(created.Succeeded, string.Join("; ", created.Problems));
        return created.Value!;
    }

    [Fact]
    public async Task Versions_NotValidated_ExportIsDisabledWithEveryReason()
    {
        await using var context = new PageTestContext();
        var template = await CreateAsync(context, "No schema", linkSchema: false);

        var cut = context.Render<TemplateVersions>(p => p.Add(x => x.TemplateId, template.Id));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<MudTooltip>()));
        var reasons = cut.FindComponents<MudTooltip>().Single(t => t.Instance.Text?.Contains("batch", StringComparison.Ordinal) == true).Instance.Text;
        Assert.Contains("No output schema version is linked", reasons, StringComparison.Ordinal);
        Assert.Contains("No batch has run this version's test cases yet", reasons, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=export-v1]"));
    }

    [Fact]
    public async Task Versions_Validated_MenuOffersDownloadLinksAndBlocksFormatsThatCannotExpressIt()
    {
        await using var context = Validated();
        var template = await CreateAsync(context, "Shouty", user: "{{ text | upcase }}");
        var popovers = context.Render<MudPopoverProvider>();

        var cut = context.Render<TemplateVersions>(p => p.Add(x => x.TemplateId, template.Id));
        cut.WaitForElement("[data-testid=export-v1] button").Click();

        var bundle = popovers.WaitForElement("[data-testid=export-v1-bundle]");
        Assert.Equal("api/templates/Shouty/export?version=1&format=bundle", bundle.GetAttribute("href"));
        Assert.Equal("shouty-v1.bundle.json", bundle.GetAttribute("download"));
        Assert.NotNull(popovers.Find("[data-testid=export-v1-prompty-blocked]"));
        Assert.Contains(popovers.FindComponents<MudTooltip>(), t => t.Instance.Text?.Contains("filter", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Import_Bundle_PreviewsNewTemplateThenCreatesIt()
    {
        await using var source = Validated();
        var template = await CreateAsync(source, "Portable");
        var file = Assert.IsType<ExportOutcome.Exported>(await source.Services.GetRequiredService<ExportService>().ExportAsync(template.Id, 1, ExportFormat.Bundle, Ct)).File;

        await using var context = new PageTestContext();
        var cut = context.Render<TemplateImport>();
        await cut.InvokeAsync(() => cut.Instance.ShowPreviewAsync(Encoding.UTF8.GetBytes(file.Content), file.FileName));
        cut.Render();

        Assert.Contains("Creates the template “Portable” with this content as v1.", cut.Find("[data-testid=import-action]").TextContent, StringComparison.Ordinal);
        Assert.Contains("creates “Portable output” v1", cut.Find("[data-testid=import-schema]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=import-diff]"));
        cut.Find("[data-testid=import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/versions", context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        var imported = await context.Services.GetRequiredService<TemplateService>().FindByNameAsync("Portable", Ct);
        Assert.NotNull(imported);
    }

    [Fact]
    public async Task Import_ExistingTemplate_ShowsNewVersionAndTheDiff()
    {
        await using var context = Validated();
        var template = await CreateAsync(context, "Evolving");
        var file = Assert.IsType<ExportOutcome.Exported>(await context.Services.GetRequiredService<ExportService>().ExportAsync(template.Id, 1, ExportFormat.Prompty, Ct)).File;
        var edited = file.Content.Replace("You extract contacts.", "You extract contacts carefully.", StringComparison.Ordinal);

        var cut = context.Render<TemplateImport>();
        await cut.InvokeAsync(() => cut.Instance.ShowPreviewAsync(Encoding.UTF8.GetBytes(edited), file.FileName));
        cut.Render();

        Assert.Contains("Adds v2 to the existing template “Evolving”", cut.Find("[data-testid=import-action]").TextContent, StringComparison.Ordinal);
        Assert.Contains("carefully", cut.Find("[data-testid=import-diff]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Add v2", cut.Find("[data-testid=import-confirm]").TextContent.Trim());
    }

    [Fact]
    public async Task Import_Viewer_ConfirmIsRefusedAndNothingIsWritten()
    {
        await using var source = Validated();
        var template = await CreateAsync(source, "Guarded");
        var file = Assert.IsType<ExportOutcome.Exported>(await source.Services.GetRequiredService<ExportService>().ExportAsync(template.Id, 1, ExportFormat.Bundle, Ct)).File;
        await using var context = new PageTestContext();
        context.SignInAs("victor", Workbench.Security.Roles.Viewer);

        var cut = context.Render<TemplateImport>();
        await cut.InvokeAsync(() => cut.Instance.ShowPreviewAsync(Encoding.UTF8.GetBytes(file.Content), file.FileName));
        cut.Render();
        cut.Find("[data-testid=import-confirm]").Click();

        Assert.Null(await context.Services.GetRequiredService<TemplateService>().FindByNameAsync("Guarded", Ct));
    }

    [Fact]
    public async Task Import_HostileFile_ShowsProblemsAndConfirmIsDisabled()
    {
        await using var context = new PageTestContext();
        var cut = context.Render<TemplateImport>();

        await cut.InvokeAsync(() => cut.Instance.ShowPreviewAsync(Encoding.UTF8.GetBytes("---\nname: x\nevil: !!python/object/apply:os.system [\"id\"]\n---\nuser:\nhi\n"), "evil.prompty"));
        cut.Render();

        Assert.Contains("tags", cut.Find("[data-testid=problem-list]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
        Assert.Null(await context.Services.GetRequiredService<TemplateService>().FindByNameAsync("x", Ct));
    }

    private sealed class AllPassed : IExportEvidence
    {
        public Task<BatchEvidence?> GetLatestBatchAsync(Guid templateId, int versionNumber, CancellationToken cancellationToken = default) =>
            Task.FromResult<BatchEvidence?>(new BatchEvidence(Guid.CreateVersion7(), true, 2, 2, ["simulated-json"], DateTime.UtcNow));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Workbench.Components.Pages.Schemas;
using Workbench.Core.Schemas;

namespace Workbench.Tests.Pages;

public class SchemaListTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewSchema_WithDescription_IsCreatedWithIt()
    {
        await using var context = new PageTestContext();
        var cut = context.Render<SchemaList>();
        cut.WaitForElement("[data-testid=schemas-empty-state]");

        cut.Find("[data-testid=new-schema-name]").Input("Invoice");
        cut.Find("[data-testid=new-schema-description]").Input("Totals and line items");
        cut.Find("[data-testid=new-schema]").Click();

        var created = Assert.Single(await context.Services.GetRequiredService<SchemaService>().ListAsync(null, Ct));
        Assert.Equal("Invoice", created.Name);
        Assert.Equal("Totals and line items", created.Description);
    }

    [Fact]
    public async Task EditSchema_NameAndDescription_SavedAndShown()
    {
        await using var context = new PageTestContext();
        var service = context.Services.GetRequiredService<SchemaService>();
        await service.CreateAsync(new NewSchema("Contact", "Old text", SchemaList.BlankSchema), "local", Ct);
        await service.CreateAsync(new NewSchema("Ticket", null, SchemaList.BlankSchema), "local", Ct);
        var cut = context.Render<SchemaList>();
        cut.WaitForElement("[data-testid=schema-table]");

        cut.FindAll("[data-testid=edit-schema]").Single(b => b.ParentElement!.TextContent.Contains("Contact", StringComparison.Ordinal)).Click();
        cut.Find("[data-testid=edit-schema-name]").Input("Ticket");
        cut.Find("[data-testid=edit-schema-save]").Click();
        Assert.NotNull(cut.Find("[data-testid=edit-schema-form]")); // the name is taken: the form stays, with the problem
        Assert.Contains(await service.ListAsync(null, Ct), s => s.Name == "Contact");

        cut.Find("[data-testid=edit-schema-name]").Input("Contact card");
        cut.Find("[data-testid=edit-schema-description]").Input("Name, email and phone");
        cut.Find("[data-testid=edit-schema-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=edit-schema-form]")));
        var table = cut.Find("[data-testid=schema-table]").TextContent;
        Assert.Contains("Contact card", table, StringComparison.Ordinal);
        Assert.Contains("Name, email and phone", table, StringComparison.Ordinal);
        var saved = (await service.ListAsync(null, Ct)).Single(s => s.Name == "Contact card");
        Assert.Equal("Name, email and phone", saved.Description);
    }
}

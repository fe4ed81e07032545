using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Workbench.Components.Pages.Schemas;
using Workbench.Core.Schemas;
using Workbench.Security;

namespace Workbench.Tests.Pages;

/// <summary>Component actions check the policy in their handler: a viewer's click changes nothing and says why.</summary>
public class ActionAuthorizationTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewSchema_Viewer_NothingCreatedAndToldWhichRoleItNeeds()
    {
        await using var context = new PageTestContext();
        context.SignInAs("viewer@example.test", Roles.Viewer);
        var cut = context.Render<SchemaList>();
        cut.WaitForElement("[data-testid=schemas-empty-state]");

        cut.Find("[data-testid=new-schema-name]").Input("Invoice");
        cut.Find("[data-testid=new-schema]").Click();

        Assert.Empty(await context.Services.GetRequiredService<SchemaService>().ListAsync(null, Ct));
        var message = Assert.Single(context.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Contains("author role", message.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewSchema_Author_Created()
    {
        await using var context = new PageTestContext();
        context.SignInAs("author@example.test", Roles.Author);
        var cut = context.Render<SchemaList>();
        cut.WaitForElement("[data-testid=schemas-empty-state]");

        cut.Find("[data-testid=new-schema-name]").Input("Invoice");
        cut.Find("[data-testid=new-schema]").Click();

        var created = Assert.Single(await context.Services.GetRequiredService<SchemaService>().ListAsync(null, Ct));
        Assert.Equal("Invoice", created.Name);
    }

    [Theory]
    [InlineData("production", Policies.CanReview)]
    [InlineData("Staging", Policies.CanReview)]
    [InlineData("canary", Policies.CanEdit)]
    public void ForLabel_ReleaseLabels_NeedAReviewer(string label, string policy) =>
        Assert.Equal(policy, Policies.ForLabel(label));

    [Theory]
    [InlineData(Roles.Admin, Roles.Reviewer, true)]
    [InlineData(Roles.Reviewer, Roles.Author, true)]
    [InlineData(Roles.Author, Roles.Reviewer, false)]
    [InlineData(Roles.Viewer, Roles.Author, false)]
    [InlineData("root", Roles.Viewer, false)]
    public void Includes_RoleHierarchy(string held, string required, bool expected) =>
        Assert.Equal(expected, Roles.Includes(held, required));
}

using MudBlazor.Services;
using Workbench.Components.Shared;
using Workbench.Core.Templates;

namespace Workbench.Tests.Components;

public class TemplateDiffViewTests
{
    private static readonly TemplateContent Base = new(
        [new TemplateMessage(MessageRole.System, "You are terse."), new TemplateMessage(MessageRole.User, "Summarize {{ text }}\nin three bullets.")],
        ModelSettings.Default,
        [new VariableDeclaration("text", "The text", true, null, null)]);

    [Fact]
    public async Task TemplateDiffView_EqualContents_ShowsNoDifferences()
    {
        await using var context = CreateContext();

        var cut = Render(context, Base, Base with { });

        Assert.Contains("No differences", cut.Find("[data-testid=diff-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=diff-message]"));
    }

    [Fact]
    public async Task TemplateDiffView_AddedLine_IsShownAsAdded()
    {
        await using var context = CreateContext();
        var right = Base with { Messages = [Base.Messages[0], new TemplateMessage(MessageRole.User, "Summarize {{ text }}\nfor {{ audience }}\nin three bullets.")] };

        var cut = Render(context, Base, right);

        Assert.Empty(cut.FindAll("[data-testid=diff-empty]"));
        Assert.Contains("Message 2 · user", cut.Markup, StringComparison.Ordinal);
        var added = cut.FindAll("[data-testid=diff-side-by-side] td.diff-text.diff-line--added");
        Assert.Equal("for {{ audience }}", Assert.Single(added).TextContent);
        Assert.Equal("+1", cut.Find("[data-testid=diff-lines-added]").TextContent);
        Assert.Equal("−0", cut.Find("[data-testid=diff-lines-removed]").TextContent);
    }

    [Fact]
    public async Task TemplateDiffView_ChangedSetting_IsListed()
    {
        await using var context = CreateContext();
        var right = Base with { Settings = Base.Settings with { Temperature = 0.9 } };

        var cut = Render(context, Base, right);

        var table = cut.Find("[data-testid=diff-settings]");
        Assert.Contains("Temperature", table.TextContent, StringComparison.Ordinal);
        Assert.Contains("0.2", table.TextContent, StringComparison.Ordinal);
        Assert.Contains("0.9", table.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Model", table.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateDiffView_SwitchToInline_ChangesMarkup()
    {
        await using var context = CreateContext();
        var right = Base with { Messages = [Base.Messages[0], new TemplateMessage(MessageRole.User, "Summarize {{ text }}\nin five bullets.")] };
        var cut = Render(context, Base, right);
        Assert.NotEmpty(cut.FindAll("[data-testid=diff-side-by-side]"));
        Assert.Empty(cut.FindAll("[data-testid=diff-inline]"));

        cut.Find("[data-testid=diff-mode-inline]").Click();

        Assert.Empty(cut.FindAll("[data-testid=diff-side-by-side]"));
        var rows = cut.FindAll("[data-testid=diff-inline] tr");
        Assert.Equal(3, rows.Count);
        Assert.Contains("diff-line--removed", rows[1].ClassName, StringComparison.Ordinal);
        Assert.Contains("diff-line--added", rows[2].ClassName, StringComparison.Ordinal);
        Assert.Equal("three", rows[1].QuerySelector("del")?.TextContent);
        Assert.Equal("five", rows[2].QuerySelector("ins")?.TextContent);
        Assert.Equal("true", cut.Find("[data-testid=diff-mode-inline]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task TemplateDiffView_RoleAndVariableChanges_AreShown()
    {
        await using var context = CreateContext();
        var right = Base with
        {
            Messages = [new TemplateMessage(MessageRole.Assistant, "You are terse."), Base.Messages[1]],
            Variables = [new VariableDeclaration("text", "The text", false, null, null), new VariableDeclaration("audience", null, true, null, null)],
        };

        var cut = Render(context, Base, right, "v1", "v2");

        Assert.Contains("system → assistant", cut.Find("[data-testid=diff-role-changed]").TextContent, StringComparison.Ordinal);
        var variables = cut.Find("[data-testid=diff-variables]").TextContent;
        Assert.Contains("audience", variables, StringComparison.Ordinal);
        Assert.Contains("added", variables, StringComparison.Ordinal);
        Assert.Contains("Required", variables, StringComparison.Ordinal);
        Assert.Contains("v1 → v2", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateDiffView_HostileText_IsEncoded()
    {
        await using var context = CreateContext();
        var right = Base with { Messages = [Base.Messages[0], new TemplateMessage(MessageRole.User, "<script>alert(1)</script>")] };

        var cut = Render(context, Base, right);

        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    private static IRenderedComponent<TemplateDiffView> Render(BunitContext context, TemplateContent left, TemplateContent right,
        string leftLabel = "v1", string rightLabel = "Draft") =>
        context.Render<TemplateDiffView>(p => p
            .Add(c => c.Left, left)
            .Add(c => c.Right, right)
            .Add(c => c.LeftLabel, leftLabel)
            .Add(c => c.RightLabel, rightLabel));

    private static BunitContext CreateContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }
}

using Workbench.Components.Runs;
using Workbench.Core.History;
using Workbench.Tests.Pages;

namespace Workbench.Tests.History;

public class VerdictPanelTests
{
    [Fact]
    public async Task VerdictPanel_Approve_ListedWithTheReviewer()
    {
        await using var context = new PageTestContext();
        var run = await HistorySeed.AddRunAsync(context.Services);
        RunVerdict? added = null;
        var cut = context.Render<VerdictPanel>(p => p.Add(x => x.RunId, run).Add(x => x.VerdictAdded, v => added = v));
        Assert.NotEmpty(cut.FindAll("[data-testid=no-verdicts]"));

        cut.FindAll("[data-testid=verdict-choice] .mud-toggle-item")[0].Click();
        cut.Find("[data-testid=submit-verdict]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=verdict-item]")));
        Assert.Equal("approved", cut.Find("[data-testid=verdict-item] [data-testid=verdict-chip]").GetAttribute("data-verdict"));
        Assert.Contains("local", cut.Find("[data-testid=verdict-item]").TextContent, StringComparison.Ordinal);
        Assert.Equal(VerdictKind.Approved, added?.Verdict);
    }

    [Fact]
    public async Task VerdictPanel_RejectWithoutComment_SaysACommentIsNeeded()
    {
        await using var context = new PageTestContext();
        var run = await HistorySeed.AddRunAsync(context.Services);
        var cut = context.Render<VerdictPanel>(p => p.Add(x => x.RunId, run));

        cut.FindAll("[data-testid=verdict-choice] .mud-toggle-item")[2].Click();
        cut.Find("[data-testid=submit-verdict]").Click();

        cut.WaitForAssertion(() => Assert.Contains("needs a comment", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=verdict-item]"));
    }

    [Fact]
    public async Task VerdictPanel_CommentWithEmail_ShownRedacted()
    {
        await using var context = new PageTestContext();
        var run = await HistorySeed.AddRunAsync(context.Services);
        var email = "jane.roe" + "@" + "example.com";
        var cut = context.Render<VerdictPanel>(p => p.Add(x => x.RunId, run));

        cut.FindAll("[data-testid=verdict-choice] .mud-toggle-item")[1].Click();
        cut.Find("textarea[data-testid=verdict-comment], [data-testid=verdict-comment] textarea").Change($"Ask {email} about the currency.");
        cut.Find("[data-testid=submit-verdict]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=verdict-comment-text]")));
        Assert.DoesNotContain(email, cut.Find("[data-testid=verdict-comment-text]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=verdict-comment-text] [data-testid=redacted-placeholder]"));
    }
}

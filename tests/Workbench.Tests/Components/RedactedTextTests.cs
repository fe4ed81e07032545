using Workbench.Components.Shared;

namespace Workbench.Tests.Components;

public class RedactedTextTests
{
    [Fact]
    public async Task RedactedText_Placeholders_AreStyledChipsAndTheRestIsPlainText()
    {
        await using var context = new BunitContext();

        var cut = context.Render<RedactedText>(p => p.Add(x => x.Text, "Mail [EMAIL#2] with key [SECRET:openai] for [CUSTOM:acme]."));

        var chips = cut.FindAll("span.redacted-placeholder");
        Assert.Equal(["[EMAIL#2]", "[SECRET:openai]", "[CUSTOM:acme]"], chips.Select(c => c.TextContent));
        Assert.Equal(["email", "secret:openai", "custom:acme"], chips.Select(c => c.GetAttribute("data-kind")));
        Assert.Contains("Redacted email", chips[0].GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal("Mail [EMAIL#2] with key [SECRET:openai] for [CUSTOM:acme].", string.Concat(cut.Nodes.Select(n => n.TextContent)));
    }

    [Fact]
    public async Task RedactedText_MarkupInText_IsEncodedNotRendered()
    {
        await using var context = new BunitContext();

        var cut = context.Render<RedactedText>(p => p.Add(x => x.Text, "<script>alert(1)</script> [PHONE]"));

        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("span.redacted-placeholder"));
    }

    [Fact]
    public async Task RedactedText_NoPlaceholders_RendersOnlyText()
    {
        await using var context = new BunitContext();

        var cut = context.Render<RedactedText>(p => p.Add(x => x.Text, "Order [1234] shipped"));

        Assert.Empty(cut.FindAll("span.redacted-placeholder"));
        Assert.Equal("Order [1234] shipped", cut.Markup);
    }
}

using MudBlazor.Services;
using Workbench.Components.Shared;

namespace Workbench.Tests.Components;

public class SafeMarkdownTests
{
    [Fact]
    public async Task SafeMarkdown_JavascriptLinkAndOnerror_AreStripped()
    {
        await using var context = CreateContext();

        var cut = context.Render<SafeMarkdown>(p => p.Add(c => c.Markdown,
            "[click](javascript:alert(1)) <img src=x onerror=alert(1)> [ok](https://example.com/)"));

        var root = cut.Find("div.safe-markdown");
        Assert.DoesNotContain("javascript:", cut.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("[onerror]"));
        var link = Assert.Single(cut.FindAll("a[href]"));
        Assert.Equal("https://example.com/", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Contains("click", root.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SafeMarkdown_Markdown_RendersHtml()
    {
        await using var context = CreateContext();

        var cut = context.Render<SafeMarkdown>(p => p.Add(c => c.Markdown, "# Title\n\n**bold**"));

        Assert.Equal("Title", cut.Find("div.safe-markdown h1").TextContent);
        Assert.Equal("bold", cut.Find("div.safe-markdown strong").TextContent);
    }

    [Fact]
    public async Task SafeMarkdown_NewText_RendersAgain()
    {
        await using var context = CreateContext();
        var cut = context.Render<SafeMarkdown>(p => p.Add(c => c.Markdown, "first"));

        cut.Render(p => p.Add(c => c.Markdown, "*second*"));

        Assert.Equal("second", cut.Find("em").TextContent);
        Assert.DoesNotContain("first", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SafeMarkdown_Null_RendersEmptyContainer()
    {
        await using var context = CreateContext();

        var cut = context.Render<SafeMarkdown>(p => p.Add(c => c.Markdown, null));

        Assert.Equal("", cut.Find("div.safe-markdown").InnerHtml);
    }

    private static BunitContext CreateContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }
}

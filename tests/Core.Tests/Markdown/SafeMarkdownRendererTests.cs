using AngleSharp.Html.Parser;
using Workbench.Core.Markdown;

namespace Workbench.Core.Tests.Markdown;

public class SafeMarkdownRendererTests
{
    private static readonly HashSet<string> AllowedTags = new(StringComparer.Ordinal)
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del", "ins", "mark", "sub",
        "sup", "a", "span", "ul", "ol", "li", "input", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup",
    };

    private static readonly HashSet<string> AllowedAttributes = new(StringComparer.Ordinal)
    {
        "href", "title", "class", "start", "type", "disabled", "checked", "colspan", "rowspan", "rel", "target",
    };

    public static TheoryData<string> DangerousLinks => new()
    {
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](&#0000106&#0000097vascript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x](java&#x09;script:alert(1))",
        "[x](java&#x0A;script:alert(1))",
        "[x](java&#13;script:alert(1))",
        "[x](<java\nscript:alert(1)>)",
        "[x]( javascript:alert(1))",
        "[x](&#x20;javascript:alert(1))",
        "[x](&#1;javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](DATA:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox)",
        "[x](VBScript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "[x](//evil.example/path)",
        "[x](/relative/path)",
        "[x](#fragment)",
        "[x][1]\n\n[1]: javascript:alert(1)",
        "[x][1]\n\n[1]: <JAVASCRIPT:alert(1)>",
        "[x]\n\n[x]: data:text/html,hi",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<vbscript:msgbox>",
        "![x](javascript:alert(1))",
        "![x][img]\n\n[img]: javascript:alert(1)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
    };

    [Theory]
    [MemberData(nameof(DangerousLinks))]
    public void ToSafeHtml_DangerousLink_NoLinkWithThatTarget(string markdown)
    {
        var html = SafeMarkdownRenderer.ToSafeHtml(markdown);

        var document = AssertSafe(html);
        Assert.Empty(document.QuerySelectorAll("a[href]"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<IMG SRC=\"javascript:alert('XSS');\">")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<object data=\"https://evil.example/x.swf\"></object>")]
    [InlineData("<embed src=\"https://evil.example/x.swf\">")]
    [InlineData("<form action=\"https://evil.example\"><input type=submit></form>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("<body onload=alert(1)>")]
    [InlineData("<style>*{display:none}</style>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">")]
    [InlineData("<base href=\"https://evil.example/\">")]
    [InlineData("<div>**bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)></div>")]
    [InlineData("<div>\n\n[x](javascript:alert(1))\n\n</div>")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("&#60;script&#62;alert(1)&#60;/script&#62;")]
    [InlineData("<<script>script>alert(1)<</script>/script>")]
    [InlineData("<!--<script>alert(1)</script>-->")]
    [InlineData("`<script>alert(1)</script>`")]
    [InlineData("```html\n<script>alert(1)</script>\n```")]
    [InlineData("    <script>alert(1)</script>")]
    public void ToSafeHtml_RawHtmlPayload_RendersNoActiveContent(string markdown)
    {
        var html = SafeMarkdownRenderer.ToSafeHtml(markdown);

        var document = AssertSafe(html);
        Assert.Empty(document.QuerySelectorAll("script, img, svg, math, iframe, object, embed, form, details, style, meta, base, div"));
    }

    [Fact]
    public void ToSafeHtml_ScriptTag_IsShownAsEscapedText()
    {
        var html = SafeMarkdownRenderer.ToSafeHtml("<script>alert(1)</script>");

        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToSafeHtml_HtmlEntities_StayText()
    {
        var document = AssertSafe(SafeMarkdownRenderer.ToSafeHtml("a &lt;b&gt; &amp; &#60;i&#62; &copy;"));

        Assert.Empty(document.QuerySelectorAll("b, i"));
        Assert.Contains("a <b> & <i> ©", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_TitleWithQuotes_CannotInjectAttributes()
    {
        var html = SafeMarkdownRenderer.ToSafeHtml("[x](http://a.example \"\\\" onmouseover=alert(1) x=\\\"\")");

        var document = AssertSafe(html);
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal("\" onmouseover=alert(1) x=\"", link.GetAttribute("title"));
        Assert.Null(link.GetAttribute("onmouseover"));
        Assert.Equal("http://a.example/", link.GetAttribute("href"));
    }

    [Fact]
    public void ToSafeHtml_UrlWithQuotes_CannotBreakOutOfHref()
    {
        var html = SafeMarkdownRenderer.ToSafeHtml("[x](https://a.example/\"onmouseover=\"alert(1))");

        var document = AssertSafe(html);
        foreach (var link in document.QuerySelectorAll("a"))
        {
            Assert.Null(link.GetAttribute("onmouseover"));
        }
    }

    [Fact]
    public void ToSafeHtml_HttpLink_GetsRelAndTarget()
    {
        var html = SafeMarkdownRenderer.ToSafeHtml("See [the docs](https://example.com/docs?a=1&b=2).");

        var link = Assert.Single(AssertSafe(html).QuerySelectorAll("a"));
        Assert.Equal("https://example.com/docs?a=1&b=2", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("the docs", link.TextContent);
    }

    [Theory]
    [InlineData("<https://example.com/a>", "https://example.com/a")]
    [InlineData("Visit https://example.com/b today", "https://example.com/b")]
    [InlineData("Visit www.example.com today", "http://www.example.com/")]
    [InlineData("[mail](mailto:someone@example.com)", "mailto:someone@example.com")]
    [InlineData("[x](HTTPS://Example.com/C)", "https://example.com/C")]
    public void ToSafeHtml_AllowedLink_IsKept(string markdown, string expectedHref)
    {
        var link = Assert.Single(AssertSafe(SafeMarkdownRenderer.ToSafeHtml(markdown)).QuerySelectorAll("a"));

        Assert.Equal(expectedHref, link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
    }

    [Fact]
    public void ToSafeHtml_Image_IsNotLoadedButLinked()
    {
        var html = SafeMarkdownRenderer.ToSafeHtml("![a cat](https://example.com/cat.png?leak=secret)");

        var document = AssertSafe(html);
        Assert.Empty(document.QuerySelectorAll("img"));
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal("https://example.com/cat.png?leak=secret", link.GetAttribute("href"));
        Assert.Equal("Image: a cat", link.TextContent);
    }

    [Fact]
    public void ToSafeHtml_NormalMarkdown_RendersStructure()
    {
        const string markdown = """
            # Title

            ## Sub

            Some *emphasis*, **strong**, ~~gone~~ and `code <b>`.

            - one
            - two

            1. first
            2. second

            - [x] done
            - [ ] todo

            > quoted

            ```csharp
            var x = "<b>bold</b>";
            ```

            | a | b |
            |---|--:|
            | 1 | 2 |
            """;

        var html = SafeMarkdownRenderer.ToSafeHtml(markdown);

        var document = AssertSafe(html);
        Assert.Equal("Title", document.QuerySelector("h1")?.TextContent);
        Assert.Equal("Sub", document.QuerySelector("h2")?.TextContent);
        Assert.NotNull(document.QuerySelector("em"));
        Assert.NotNull(document.QuerySelector("strong"));
        Assert.NotNull(document.QuerySelector("del"));
        Assert.Equal(6, document.QuerySelectorAll("li").Length);
        Assert.NotNull(document.QuerySelector("ol"));
        Assert.NotNull(document.QuerySelector("blockquote"));
        Assert.Equal(2, document.QuerySelectorAll("input[type=checkbox][disabled]").Length);
        var code = document.QuerySelector("pre > code");
        Assert.NotNull(code);
        Assert.Equal("language-csharp", code.GetAttribute("class"));
        Assert.Equal("var x = \"<b>bold</b>\";\n", code.TextContent);
        Assert.Empty(document.QuerySelectorAll("b"));
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Equal(2, document.QuerySelectorAll("th").Length);
        Assert.Equal("2", document.QuerySelectorAll("td")[1].TextContent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ToSafeHtml_NullOrEmpty_ReturnsEmpty(string? markdown)
    {
        Assert.Equal("", SafeMarkdownRenderer.ToSafeHtml(markdown));
    }

    [Fact]
    public void ToSafeHtml_InputOverLimit_IsTruncatedWithNotice()
    {
        var markdown = string.Concat(Enumerable.Repeat("word ", (SafeMarkdownRenderer.MaxMarkdownLength / 5) + 1000)) + "THE-END";

        var html = SafeMarkdownRenderer.ToSafeHtml(markdown);

        Assert.Contains("Truncated", html, StringComparison.Ordinal);
        Assert.DoesNotContain("THE-END", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_ManyLinksAtTheLimit_Works()
    {
        var markdown = string.Concat(Enumerable.Repeat("[x](javascript:alert(1)) [y](https://example.com/) ", 15_000));

        var document = AssertSafe(SafeMarkdownRenderer.ToSafeHtml(markdown));

        Assert.Equal(15_000, document.QuerySelectorAll("a[href]").Length);
    }

    [Theory]
    [InlineData('>')]
    [InlineData('[')]
    [InlineData('*')]
    [InlineData('-')]
    [InlineData('`')]
    [InlineData('<')]
    public void ToSafeHtml_DeeplyNestedInput_DoesNotThrow(char repeated)
    {
        var markdown = new string(repeated, 50_000) + "x" + new string(repeated == '[' ? ']' : repeated, 50_000);

        var html = SafeMarkdownRenderer.ToSafeHtml(markdown);

        AssertSafe(html);
    }

    [Fact]
    public void ToSafeHtml_NestedListsAndQuotes_DoNotThrow()
    {
        var markdown = string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i * 2) + "- item\n"))
            + string.Concat(Enumerable.Range(0, 5_000).Select(i => new string('>', i % 200) + " q\n"));

        AssertSafe(SafeMarkdownRenderer.ToSafeHtml(markdown));
    }

    private static AngleSharp.Html.Dom.IHtmlDocument AssertSafe(string html)
    {
        var document = new HtmlParser().ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, AllowedTags);
            foreach (var attribute in element.Attributes)
            {
                Assert.Contains(attribute.LocalName, AllowedAttributes);
            }

            if (element.GetAttribute("href") is { } href)
            {
                Assert.True(href.StartsWith("http://", StringComparison.Ordinal) || href.StartsWith("https://", StringComparison.Ordinal)
                    || href.StartsWith("mailto:", StringComparison.Ordinal), $"unsafe href '{href}'");
                Assert.Equal("noopener noreferrer nofollow", element.GetAttribute("rel"));
                Assert.Equal("_blank", element.GetAttribute("target"));
            }
        }

        return document;
    }
}

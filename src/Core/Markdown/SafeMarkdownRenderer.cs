using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Workbench.Core.Markdown;

/// <summary>
/// Turns untrusted Markdown (prompt text, model output) into HTML that is safe to insert into the page.
/// Two layers: Markdig with raw HTML disabled (so <c>&lt;script&gt;</c> and friends are shown as text), then HtmlSanitizer with a
/// tight allow-list of tags, attributes and URL schemes (Markdig's <c>DisableHtml()</c> still lets <c>javascript:</c> links through).
/// </summary>
/// <remarks>
/// Rules:
/// <list type="bullet">
/// <item>Links: only absolute <c>http</c>, <c>https</c> and <c>mailto</c> URLs survive; anything else (other schemes, relative and
/// protocol-relative URLs, obfuscated schemes) loses its <c>href</c> and keeps its text. Surviving links get
/// <c>rel="noopener noreferrer nofollow"</c> and <c>target="_blank"</c>.</item>
/// <item>Images are never loaded: <c>![alt](url)</c> is rendered as a link "Image: alt" to the URL (subject to the link rules).
/// A remote image is fetched without any click, so model output (or an injected prompt) could use one to leak the viewer's IP
/// address or, through the query string, data from the conversation. Prompts do not need remote images.</item>
/// <item>No raw HTML, no <c>style</c>, no <c>on*</c> attributes, no <c>id</c> (no DOM clobbering), classes only from Markdig
/// (<c>language-*</c>, task lists).</item>
/// <item>Input longer than <see cref="MaxMarkdownLength"/> characters is truncated, with a notice at the end.</item>
/// <item>Never throws on input: if rendering fails, the text is shown HTML-encoded in a <c>&lt;pre&gt;</c>.</item>
/// </list>
/// </remarks>
public static class SafeMarkdownRenderer
{
    /// <summary>The most Markdown characters rendered (about 1 MB); the rest is cut off with a notice.</summary>
    public const int MaxMarkdownLength = 1_000_000;

    /// <summary>The <c>rel</c> value every surviving link gets.</summary>
    public const string LinkRel = "noopener noreferrer nofollow";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private static readonly HashSet<string> AllowedSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Renders <paramref name="markdown"/> to sanitized HTML. Null or empty input gives an empty string. Never throws.</summary>
    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return "";
        }

        var truncated = false;
        if (markdown.Length > MaxMarkdownLength)
        {
            var cut = MaxMarkdownLength;
            if (char.IsHighSurrogate(markdown[cut - 1]))
            {
                cut--;
            }

            markdown = markdown[..cut];
            truncated = true;
        }

        string html;
        try
        {
            html = Sanitizer.Sanitize(RenderMarkdown(markdown));
        }
#pragma warning disable CA1031 // Never throw on user input: fall back to plain, encoded text.
        catch (Exception)
#pragma warning restore CA1031
        {
            html = "<pre>" + WebUtility.HtmlEncode(markdown) + "</pre>";
        }

        if (truncated)
        {
            html += string.Create(CultureInfo.InvariantCulture,
                $"<p class=\"safe-markdown-truncated\"><em>Truncated: only the first {MaxMarkdownLength:N0} characters are shown.</em></p>");
        }

        return html;
    }

    private static string RenderMarkdown(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var image in document.Descendants<LinkInline>().Where(static l => l.IsImage).ToList())
        {
            image.IsImage = false;
            var label = new LiteralInline("Image: ");
            if (image.FirstChild is { } first)
            {
                first.InsertBefore(label);
            }
            else
            {
                image.AppendChild(label);
                image.AppendChild(new LiteralInline("(no description)"));
            }
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
                "em", "strong", "del", "ins", "mark", "sub", "sup", "a", "span",
                "ul", "ol", "li", "input",
                "table", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "title", "class", "start", "type", "disabled", "checked", "colspan", "rowspan",
            },
            AllowedSchemes = new HashSet<string>(AllowedSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };

        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.FilterUrl += static (_, e) => e.SanitizedUrl = CheckUrl(e.OriginalUrl);
        sanitizer.PostProcessNode += static (_, e) =>
        {
            if (e.Node is IElement element)
            {
                PostProcess(element);
            }
        };
        return sanitizer;
    }

    /// <summary>Returns the URL in canonical form if it is an absolute http, https or mailto URL; otherwise null.</summary>
    internal static string? CheckUrl(string? url)
    {
        if (url is null)
        {
            return null;
        }

        // What a browser ignores when it parses a URL: leading/trailing C0 controls and spaces, tabs and newlines anywhere.
        // Remove them before the check so "java\tscript:" or " javascript:" are judged as the browser would see them.
        var cleaned = new string(url.Where(static c => c is not ('\t' or '\n' or '\r')).ToArray());
        var from = 0;
        var to = cleaned.Length;
        while (from < to && cleaned[from] <= ' ')
        {
            from++;
        }

        while (to > from && cleaned[to - 1] <= ' ')
        {
            to--;
        }

        cleaned = cleaned[from..to];
        if (cleaned.Any(char.IsControl))
        {
            return null;
        }

        if (!Uri.TryCreate(cleaned, UriKind.Absolute, out var uri) || !AllowedSchemes.Contains(uri.Scheme))
        {
            return null;
        }

        // Uri accepts "http:foo" style oddities and UNC paths; require a host for http(s).
        if (uri.Scheme != Uri.UriSchemeMailto && (string.IsNullOrEmpty(uri.Host) || !cleaned.Contains("//", StringComparison.Ordinal)))
        {
            return null;
        }

        return uri.AbsoluteUri;
    }

    private static void PostProcess(IElement element)
    {
        switch (element.LocalName)
        {
            case "a":
                if (element.HasAttribute("href"))
                {
                    element.SetAttribute("rel", LinkRel);
                    element.SetAttribute("target", "_blank");
                }

                break;
            case "input":
                // Only Markdig's task-list check boxes, read-only.
                if (!string.Equals(element.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase))
                {
                    element.Remove();
                    return;
                }

                element.SetAttribute("disabled", "disabled");
                break;
        }

        var classes = element.ClassList.ToList();
        foreach (var name in classes.Where(static c => !IsAllowedClass(c)))
        {
            element.ClassList.Remove(name);
        }

        if (element.ClassList.Length == 0)
        {
            element.RemoveAttribute("class");
        }
    }

    private static bool IsAllowedClass(string name) =>
        name is "contains-task-list" or "task-list-item" or "task-list-item-checkbox"
        || (name.StartsWith("language-", StringComparison.Ordinal) && name.Length <= 60);
}

using System.Text.RegularExpressions;
using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>
/// Whether a template's Liquid means the same in Jinja2 (Prompty) and Nunjucks (promptfoo). The common subset:
/// <c>{{ name }}</c> / <c>{{ a.b }}</c> / <c>{{ a[0] }}</c>, <c>{% if %}</c> / <c>{% else %}</c> / <c>{% endif %}</c> with
/// <c>and</c>, <c>or</c>, comparisons and literals, and <c>{% for x in list %}</c> / <c>{% else %}</c> / <c>{% endfor %}</c>.
/// Everything else (filters, <c>elsif</c>, <c>unless</c>, <c>case</c>, <c>raw</c>, <c>comment</c>, <c>contains</c>, <c>forloop</c>,
/// <c>break</c>, loop options) would render differently or not at all, so export to those formats is refused with the place.
/// </summary>
internal static partial class JinjaCompatibility
{
    [GeneratedRegex(@"\{\{-?(?<expr>.*?)-?\}\}|\{%-?\s*(?<tag>[A-Za-z_#]+)(?<args>.*?)-?%\}", RegexOptions.Singleline)]
    private static partial Regex Construct();

    [GeneratedRegex(@"^\s*[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*\s*$")]
    private static partial Regex SimplePath();

    [GeneratedRegex(@"^\s*[A-Za-z_][A-Za-z0-9_]*\s+in\s+[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\s*$")]
    private static partial Regex SimpleFor();

    [GeneratedRegex(@"\b(contains|empty|blank|nil|forloop|startswith|endswith)\b|\|")]
    private static partial Regex LiquidOnlyCondition();

    public static IReadOnlyList<TemplateProblem> Check(TemplateContent content)
    {
        var problems = new List<TemplateProblem>();
        for (var i = 0; i < content.Messages.Count; i++)
        {
            var text = content.Messages[i].Text ?? "";
            foreach (Match match in Construct().Matches(text))
            {
                if (Describe(match) is { } reason)
                {
                    var (line, column) = Validation.TextLimits.LineColumn(text, match.Index);
                    problems.Add(new TemplateProblem(TemplateContentValidator.MessageField(i), reason, line, column));
                }
            }
        }

        return problems;
    }

    private static string? Describe(Match match)
    {
        var shown = match.Value.Length > 60 ? match.Value[..60] + "…" : match.Value;
        if (match.Groups["expr"].Success)
        {
            var expr = match.Groups["expr"].Value;
            if (expr.Contains('|', StringComparison.Ordinal))
            {
                return $"'{shown}' uses a Liquid filter; Jinja2 and Nunjucks filters differ. Prepare the value before passing it in.";
            }

            return SimplePath().IsMatch(expr) && !expr.TrimStart().StartsWith("forloop", StringComparison.Ordinal)
                ? null
                : $"'{shown}' is not a plain variable reference, which is all these formats share.";
        }

        var tag = match.Groups["tag"].Value;
        var args = match.Groups["args"].Value;
        return tag switch
        {
            "if" when LiquidOnlyCondition().IsMatch(args) => $"'{shown}' uses Liquid-only operators (contains, empty, blank, nil, filters).",
            "if" or "else" or "endif" or "endfor" => null,
            "for" when SimpleFor().IsMatch(args) => null,
            "for" => $"'{shown}' uses Liquid loop options (limit, offset, reversed, ranges) that Jinja2 writes differently.",
            "elsif" => $"'{shown}': Jinja2 spells it 'elif'; rewrite as nested if/else.",
            _ => $"'{{% {tag} %}}' has no equivalent in Jinja2/Nunjucks; use if/else and for only.",
        };
    }
}

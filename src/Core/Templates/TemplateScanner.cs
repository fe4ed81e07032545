using System.Globalization;
using Fluid;

namespace Workbench.Core.Templates;

/// <summary>
/// Our own lexical scanner over template source. It runs before Fluid's parser and finds tags, their
/// positions and nesting, rejects tags and filters outside the allowed subset, and collects the
/// top-level variables read by expressions. It never recurses, so deep nesting cannot overflow the stack.
/// </summary>
internal sealed class TemplateScanner
{
    internal const string AllowedTagsText =
        "if/elsif/else/endif, unless/endunless, case/when/else/endcase, for/else/endfor, break, continue, raw/endraw, comment/endcomment";

    private const int MaxErrors = 50;

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "contains", "not", "empty", "blank", "nil", "null", "true", "false", "startswith", "endswith",
    };

    private static readonly HashSet<string> ForKeywords = new(StringComparer.Ordinal)
    {
        "in", "reversed", "limit", "offset", "continue",
    };

    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal) { "forloop", "parentloop" };

    private static readonly HashSet<string> RejectedTags = new(StringComparer.Ordinal)
    {
        "assign", "capture", "increment", "decrement", "cycle", "include", "render", "layout", "tablerow", "liquid",
        "echo", "ifchanged", "macro", "from", "section", "block", "extends",
    };

    private readonly string _source;
    private readonly TemplateLimits _limits;
    private readonly int[] _lineStarts;
    private readonly List<Block> _blocks = [];
    private bool _aborted;

    private TemplateScanner(string source, TemplateLimits limits)
    {
        _source = source;
        _limits = limits;
        _lineStarts = ComputeLineStarts(source);
    }

    public List<TemplateError> Errors { get; } = [];

    public List<VariableUse> Uses { get; } = [];

    public List<TemplateSyntaxSpan> Spans { get; } = [];

    public static TemplateScanner Scan(string source, TemplateLimits limits)
    {
        var scanner = new TemplateScanner(source, limits);
        scanner.Run();
        return scanner;
    }

    public (int Line, int Column) Position(int offset) => Position(_lineStarts, offset);

    internal static (int Line, int Column) Position(int[] lineStarts, int offset)
    {
        var index = Array.BinarySearch(lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - lineStarts[index] + 1);
    }

    internal static int[] ComputeLineStarts(string source)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\n')
            {
                starts.Add(i + 1);
            }
            else if (c == '\r' && (i + 1 >= source.Length || source[i + 1] != '\n'))
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private void AddError(int offset, string message)
    {
        if (Errors.Count >= MaxErrors)
        {
            _aborted = true;
            return;
        }

        var (line, column) = Position(offset);
        Errors.Add(new TemplateError(line, column, message));
    }

    private void AddSpan(int start, int length, TemplateSpanKind kind)
    {
        if (length > 0)
        {
            Spans.Add(new TemplateSyntaxSpan(start, length, kind));
        }
    }

    private void Run()
    {
        var src = _source;
        var n = src.Length;
        var pos = 0;
        while (pos < n && !_aborted)
        {
            var open = FindTagStart(pos);
            if (open < 0)
            {
                AddSpan(pos, n - pos, TemplateSpanKind.Text);
                pos = n;
                break;
            }

            AddSpan(pos, open - pos, TemplateSpanKind.Text);
            var isOutput = src[open + 1] == '{';
            var close = FindTagEnd(open + 2, isOutput ? '}' : '%');
            if (close < 0)
            {
                AddError(open, isOutput
                    ? "Unclosed output tag: '{{' has no matching '}}'"
                    : "Unclosed tag: '{%' has no matching '%}'");
                AddSpan(open, n - open, TemplateSpanKind.Error);
                pos = n;
                break;
            }

            var end = close + 2;
            if (end - open > _limits.MaxTagLength)
            {
                AddError(open, string.Create(CultureInfo.InvariantCulture,
                    $"Tag is {end - open:N0} characters long; the limit is {_limits.MaxTagLength:N0} characters (MaxTagLength)"));
                AddSpan(open, end - open, TemplateSpanKind.Error);
                pos = end;
                continue;
            }

            var innerStart = open + 2;
            var innerEnd = close;
            if (innerStart < innerEnd && src[innerStart] == '-')
            {
                innerStart++;
            }

            if (innerEnd > innerStart && src[innerEnd - 1] == '-')
            {
                innerEnd--;
            }

            if (isOutput)
            {
                AddSpan(open, end - open, TemplateSpanKind.OutputTag);
                AnalyzeExpression(innerStart, innerEnd, forTag: false);
                pos = end;
            }
            else
            {
                pos = HandleLogicTag(open, end, innerStart, innerEnd);
            }
        }

        if (!_aborted)
        {
            foreach (var block in _blocks)
            {
                AddError(block.Offset, $"'{{% {block.Name} %}}' is never closed: '{{% end{block.Name} %}}' was expected");
            }
        }

        Spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind.CompareTo(b.Kind));
    }

    private int FindTagStart(int from)
    {
        var src = _source;
        var i = from;
        while (true)
        {
            i = src.IndexOf('{', i);
            if (i < 0 || i + 1 >= src.Length)
            {
                return -1;
            }

            var next = src[i + 1];
            if (next == '{' || next == '%')
            {
                return i;
            }

            i++;
        }
    }

    /// <summary>Finds the closing <c>}}</c> or <c>%}</c>, skipping string literals. Returns the index of its first char.</summary>
    private int FindTagEnd(int from, char closer)
    {
        var src = _source;
        for (var i = from; i < src.Length - 1; i++)
        {
            var c = src[i];
            if (c == '"' || c == '\'')
            {
                var q = src.IndexOf(c, i + 1);
                if (q < 0)
                {
                    // An unterminated string: fall back to the first closer after it so the error stays local.
                    var plain = src.IndexOf(closer + "}", i + 1, StringComparison.Ordinal);
                    return plain;
                }

                i = q;
                continue;
            }

            if (c == closer && src[i + 1] == '}')
            {
                return i;
            }
        }

        return -1;
    }

    private int HandleLogicTag(int open, int end, int innerStart, int innerEnd)
    {
        var src = _source;
        var p = innerStart;
        while (p < innerEnd && char.IsWhiteSpace(src[p]))
        {
            p++;
        }

        if (p < innerEnd && src[p] == '#')
        {
            AddSpan(open, end - open, TemplateSpanKind.Comment);
            return end;
        }

        var nameStart = p;
        while (p < innerEnd && (char.IsAsciiLetterOrDigit(src[p]) || src[p] == '_'))
        {
            p++;
        }

        var name = src[nameStart..p];
        if (name.Length == 0)
        {
            AddError(open, "A tag name was expected after '{%'. Allowed tags: " + AllowedTagsText);
            AddSpan(open, end - open, TemplateSpanKind.Error);
            return end;
        }

        switch (name)
        {
            case "raw":
            case "comment":
                {
                    var (closeStart, closeEnd) = FindEndTag(end, "end" + name);
                    if (closeStart < 0)
                    {
                        AddError(open, $"'{{% {name} %}}' is never closed: '{{% end{name} %}}' was expected");
                        AddSpan(open, src.Length - open, TemplateSpanKind.Error);
                        return src.Length;
                    }

                    AddSpan(open, closeEnd - open, name == "raw" ? TemplateSpanKind.RawBlock : TemplateSpanKind.Comment);
                    return closeEnd;
                }

            case "if":
            case "unless":
            case "case":
                AddSpan(open, end - open, TemplateSpanKind.LogicTag);
                AnalyzeExpression(p, innerEnd, forTag: false);
                Push(name, open, null);
                return end;

            case "for":
                AddSpan(open, end - open, TemplateSpanKind.LogicTag);
                HandleFor(open, p, innerEnd);
                return end;

            case "elsif":
            case "when":
                AddSpan(open, end - open, TemplateSpanKind.LogicTag);
                ExpectInside(open, name, name == "elsif" ? "if" : "case");
                AnalyzeExpression(p, innerEnd, forTag: false);
                return end;

            case "else":
                AddSpan(open, end - open, TemplateSpanKind.LogicTag);
                if (_blocks.Count == 0)
                {
                    AddError(open, "'{% else %}' is only allowed inside if, unless, case or for");
                }
                else if (_blocks[^1].Name == "for")
                {
                    _blocks[^1] = _blocks[^1] with { Local = null };
                }

                return end;

            case "break":
            case "continue":
                AddSpan(open, end - open, TemplateSpanKind.LogicTag);
                if (!_blocks.Exists(static b => b.Name == "for"))
                {
                    AddError(open, $"'{{% {name} %}}' is only allowed inside a for loop");
                }

                return end;

            case "endif":
            case "endunless":
            case "endcase":
            case "endfor":
                AddSpan(open, end - open, TemplateSpanKind.LogicTag);
                Pop(open, name[3..]);
                return end;

            default:
                AddSpan(open, end - open, TemplateSpanKind.Error);
                AddError(nameStart, RejectedTags.Contains(name)
                    ? $"Tag '{name}' is not allowed in prompt templates (templates keep no state, read no files and have bounded output). Allowed tags: {AllowedTagsText}"
                    : $"Unknown tag '{name}'. Allowed tags: {AllowedTagsText}");
                return end;
        }
    }

    private void ExpectInside(int offset, string tag, string block)
    {
        if (_blocks.Count == 0 || _blocks[^1].Name != block)
        {
            AddError(offset, $"'{{% {tag} %}}' is only allowed inside '{{% {block} %}}'");
        }
    }

    private void Push(string name, int offset, string? local)
    {
        _blocks.Add(new Block(name, offset, local));
        if (_blocks.Count > _limits.MaxNestingDepth)
        {
            AddError(offset, string.Create(CultureInfo.InvariantCulture,
                $"Tags are nested more than {_limits.MaxNestingDepth} levels deep (MaxNestingDepth)"));
            _aborted = true;
        }
    }

    private void Pop(int offset, string name)
    {
        if (_blocks.Count == 0)
        {
            AddError(offset, $"Unexpected '{{% end{name} %}}': no '{{% {name} %}}' is open");
            return;
        }

        var top = _blocks[^1];
        if (top.Name != name)
        {
            var (line, column) = Position(top.Offset);
            AddError(offset, string.Create(CultureInfo.InvariantCulture,
                $"'{{% end{name} %}}' does not match the open '{{% {top.Name} %}}' at line {line}, column {column}"));
            return;
        }

        _blocks.RemoveAt(_blocks.Count - 1);
    }

    private (int Start, int End) FindEndTag(int from, string endName)
    {
        var src = _source;
        var i = from;
        while (true)
        {
            i = src.IndexOf("{%", i, StringComparison.Ordinal);
            if (i < 0)
            {
                return (-1, -1);
            }

            var p = i + 2;
            if (p < src.Length && src[p] == '-')
            {
                p++;
            }

            while (p < src.Length && char.IsWhiteSpace(src[p]))
            {
                p++;
            }

            if (string.CompareOrdinal(src, p, endName, 0, endName.Length) == 0)
            {
                p += endName.Length;
                while (p < src.Length && char.IsWhiteSpace(src[p]))
                {
                    p++;
                }

                if (p < src.Length && src[p] == '-')
                {
                    p++;
                }

                if (p + 1 < src.Length && src[p] == '%' && src[p + 1] == '}')
                {
                    return (i, p + 2);
                }
            }

            i += 2;
        }
    }

    private void HandleFor(int open, int start, int end)
    {
        var tokens = Tokenize(start, end);
        if (tokens.Count < 3 || tokens[0].Kind != TokenKind.Identifier || tokens[1] is not { Kind: TokenKind.Identifier } inToken
            || Text(inToken) != "in")
        {
            AddError(open, "Invalid 'for' tag: expected '{% for item in collection %}'");
            Push("for", open, null);
            return;
        }

        AnalyzeTokens(tokens, 2, forTag: true);
        Push("for", open, Text(tokens[0]));
    }

    private void AnalyzeExpression(int start, int end, bool forTag)
    {
        var tokens = Tokenize(start, end);
        AnalyzeTokens(tokens, 0, forTag);
    }

    private void AnalyzeTokens(List<Token> tokens, int from, bool forTag)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Identifier)
            {
                continue;
            }

            var name = Text(token);
            var prev = i > from ? tokens[i - 1] : default;
            var next = i + 1 < tokens.Count ? tokens[i + 1] : default;

            if (IsOp(prev, "."))
            {
                continue;
            }

            if (IsOp(prev, "|"))
            {
                if (!TemplateOptions.Default.Filters.TryGetValue(name, out _))
                {
                    AddError(token.Start, $"Unknown filter '{name}'");
                    AddSpan(token.Start, token.Length, TemplateSpanKind.Error);
                }

                continue;
            }

            if (IsOp(next, ":"))
            {
                // Named filter argument (e.g. allow_false:) or for-loop option (limit:, offset:).
                continue;
            }

            if (Keywords.Contains(name) || (forTag && ForKeywords.Contains(name)) || Builtins.Contains(name) || IsLocal(name))
            {
                continue;
            }

            var collection = IsOp(next, ".") || IsOp(next, "[") || (forTag && i == from);
            var (line, column) = Position(token.Start);
            Uses.Add(new VariableUse(name, line, column, collection));
            AddSpan(token.Start, token.Length, TemplateSpanKind.Variable);
        }
    }

    private bool IsLocal(string name)
    {
        foreach (var block in _blocks)
        {
            if (block.Local == name)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsOp(Token token, string op) =>
        token.Kind == TokenKind.Operator && token.Length == op.Length && string.CompareOrdinal(_source, token.Start, op, 0, op.Length) == 0;

    private string Text(Token token) => _source.Substring(token.Start, token.Length);

    private List<Token> Tokenize(int start, int end)
    {
        var src = _source;
        var tokens = new List<Token>();
        var i = start;
        while (i < end)
        {
            var c = src[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '"' or '\'')
            {
                var q = src.IndexOf(c, i + 1, end - i - 1);
                var stop = q < 0 ? end : q + 1;
                tokens.Add(new Token(TokenKind.String, i, stop - i));
                i = stop;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < end && char.IsAsciiDigit(src[i + 1])))
            {
                var j = i + 1;
                while (j < end && (char.IsAsciiDigit(src[j]) || (src[j] == '.' && j + 1 < end && char.IsAsciiDigit(src[j + 1]))))
                {
                    j++;
                }

                tokens.Add(new Token(TokenKind.Number, i, j - i));
                i = j;
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var j = i + 1;
                while (j < end && (char.IsAsciiLetterOrDigit(src[j]) || src[j] == '_' || src[j] == '-'))
                {
                    j++;
                }

                while (j > i + 1 && src[j - 1] == '-')
                {
                    j--;
                }

                if (j < end && src[j] == '?')
                {
                    j++;
                }

                tokens.Add(new Token(TokenKind.Identifier, i, j - i));
                i = j;
                continue;
            }

            var len = 1;
            if (i + 1 < end)
            {
                var two = src.AsSpan(i, 2);
                if (two is ".." or "==" or "!=" or "<>" or "<=" or ">=")
                {
                    len = 2;
                }
            }

            tokens.Add(new Token(TokenKind.Operator, i, len));
            i += len;
        }

        return tokens;
    }

    private enum TokenKind
    {
        None,
        Identifier,
        String,
        Number,
        Operator,
    }

    private readonly record struct Token(TokenKind Kind, int Start, int Length);

    private sealed record Block(string Name, int Offset, string? Local);
}

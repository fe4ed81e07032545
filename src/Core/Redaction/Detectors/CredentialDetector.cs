using System.Buffers;
using System.Text.RegularExpressions;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Credentials recognised by their surroundings rather than their format: <c>Authorization: Bearer|Basic|token &lt;value&gt;</c>,
/// assignments such as <c>password=…</c>, <c>"api_key": "…"</c>, <c>DB_PASSWORD: …</c>, <c>Password=…;</c> / <c>Pwd=…</c> in connection
/// strings, "my password is …", and the password of <c>scheme://user:password@host</c>. Only the value is reported.</summary>
internal sealed partial class CredentialDetector : IDetector
{
    private const int MaxValue = 512;

    private static readonly SearchValues<string> BearerPrefilter = SearchValues.Create(["bearer", "basic", "token "], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> KeyPrefilter = SearchValues.Create(
        ["pass", "pwd", "secret", "key", "token", "credential", "session", "contraseña", "passwort", "kennwort", "senha", "mot de passe"],
        StringComparison.OrdinalIgnoreCase);

    // Source-generated, backtracking but linear (ADR-004, later changes): each pattern starts with a keyword, and its loops
    // are whitespace runs (no keyword starts inside one) or a value run followed by something outside its class, so no
    // attempt reads a character another attempt has read, beyond the bounded keyword. The generated source marks the loops
    // that never give characters back "atomically"; the one that does ([ \t]* before :?[ \t]+) gives back at most one.
    [GeneratedRegex(@"(?:bearer|token)[ \t]+([A-Za-z0-9._~+/-]{12,}=*)|authorization[""']?[ \t]*[:=][ \t]*[""']?basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Bearer();

    [GeneratedRegex(@"(?:pass(?:word|wd|phrase|code)?|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|secret[_-]?key|auth[_-]?key|token|credentials?|session[_-]?(?:id|key|token)|sessionid|contraseña|passwort|kennwort|senha|mot de passe)\\?[""'`]?[ \t]*(?::=|=>|=|:)[ \t]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Assignment();

    [GeneratedRegex(@"(?:password|passwd|passcode|contraseña|passwort|kennwort|senha|mot de passe)[ \t]+(?:is|was|ist|es|est|é|era)[ \t]*:?[ \t]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Prose();

    private static readonly string[] NotValues =
    [
        "null", "none", "nil", "true", "false", "undefined", "required", "optional", "string", "hidden", "redacted", "empty", "password",
        "secret", "token", "yes", "no", "n/a", "not set", "unset",
    ];

    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.SecretBearer, RedactionKinds.SecretPassword];

    public void Detect(string text, List<Detection> found)
    {
        var span = text.AsSpan();
        if (span.IndexOfAny(BearerPrefilter) >= 0)
        {
            foreach (Match m in Bearer().Matches(text))
            {
                var g = m.Groups[1].Success ? m.Groups[1] : m.Groups[2];
                if (WordStart(text, m.Index) && (g.Length >= 20 || g.ValueSpan.IndexOfAnyInRange('0', '9') >= 0))
                {
                    found.Add(new Detection(g.Index, g.Index + g.Length, RedactionKinds.SecretBearer));
                }
            }
        }

        if (span.IndexOfAny(KeyPrefilter) >= 0)
        {
            foreach (Match m in Assignment().Matches(text))
            {
                AddValue(text, m.Index + m.Length, found, minLength: 3);
            }

            foreach (Match m in Prose().Matches(text))
            {
                AddValue(text, m.Index + m.Length, found, minLength: 4);
            }
        }

        AddUrlPasswords(text, found);
    }

    /// <summary>
    /// The password of <c>scheme://user:password@host</c>: what <c>[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:/@"'&lt;&gt;]*:([^\s/@"'&lt;&gt;]+)@[A-Za-z0-9\[]</c>
    /// finds (group 1), read by hand from each "://". Not a regex: with its bounded scheme repetition, which may begin at
    /// any letter, NonBacktracking's lazily built automaton grew to about 25 MB on the redaction corpus and kept it for
    /// the life of the process. This reads each character a bounded number of times: linear, like the regex engine.
    /// </summary>
    internal static void AddUrlPasswords(string text, List<Detection> found)
    {
        var from = 0;
        int separator;
        while (from < text.Length && (separator = text.IndexOf("://", from, StringComparison.Ordinal)) >= 0)
        {
            from = separator + 3;
            if (!HasScheme(text, separator))
            {
                continue;
            }

            var i = separator + 3;
            while (i < text.Length && IsUrlUserChar(text[i]))
            {
                i++;
            }

            if (i >= text.Length || text[i] != ':')
            {
                continue;
            }

            var start = ++i;
            while (i < text.Length && IsUrlPasswordChar(text[i]))
            {
                i++;
            }

            if (i > start && i + 1 < text.Length && text[i] == '@' && (char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == '['))
            {
                found.Add(new Detection(start, i, RedactionKinds.SecretPassword));
                from = i + 2;
            }
        }
    }

    /// <summary>A scheme of 2–31 characters ends at <paramref name="separator"/>: a letter, then letters, digits, '+', '.' or '-'.</summary>
    private static bool HasScheme(string text, int separator)
    {
        for (var s = separator - 1; s >= 0 && separator - s <= 31 && (char.IsAsciiLetterOrDigit(text[s]) || text[s] is '+' or '.' or '-'); s--)
        {
            if (separator - s >= 2 && char.IsAsciiLetter(text[s]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUrlPasswordChar(char c) => !char.IsWhiteSpace(c) && c is not ('/' or '@' or '"' or '\'' or '<' or '>');

    private static bool IsUrlUserChar(char c) => c != ':' && IsUrlPasswordChar(c);

    private static bool WordStart(string text, int i) => i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]);

    /// <summary>Reads the value that starts at <paramref name="i"/>: quoted (up to the matching quote, JSON escapes respected)
    /// or bare (up to whitespace, ',', ';' or a quote).</summary>
    private static void AddValue(string text, int i, List<Detection> found, int minLength)
    {
        if (i >= text.Length)
        {
            return;
        }

        int s, e;
        var c = text[i];
        var escapedQuote = c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\'';
        if (escapedQuote)
        {
            // A JSON document inside a JSON string: the value ends at the next \" (or \').
            s = i + 2;
            var close = text.IndexOf(string.Concat("\\", text[i + 1].ToString()), s, Math.Min(MaxValue, text.Length - s), StringComparison.Ordinal);
            e = close < 0 ? s : close;
        }
        else if (c is '"' or '\'' or '`')
        {
            s = i + 1;
            e = s;
            while (e < text.Length && e - s < MaxValue && text[e] != c && text[e] is not '\n' and not '\r')
            {
                e += text[e] == '\\' && e + 1 < text.Length && text[e + 1] is not '\n' and not '\r' ? 2 : 1;
            }
        }
        else
        {
            s = i;
            e = s;
            while (e < text.Length && e - s < MaxValue && !char.IsWhiteSpace(text[e]) && text[e] is not ',' and not ';' and not '"' and not '\'' and not '<' and not '>' and not '`')
            {
                if (text[e] == '&' && IsQueryParameter(text, e + 1))
                {
                    break;
                }

                e++;
            }
        }

        e = Math.Min(e, text.Length);
        if (e - s < minLength || IsPlaceholder(text.AsSpan(s, e - s)))
        {
            return;
        }

        found.Add(new Detection(s, e, RedactionKinds.SecretPassword));
    }

    private static bool IsQueryParameter(string text, int i)
    {
        var j = i;
        while (j < text.Length && j - i < 40 && (char.IsAsciiLetterOrDigit(text[j]) || text[j] is '_' or '-' or '.'))
        {
            j++;
        }

        return j > i && j < text.Length && text[j] == '=';
    }

    private static bool IsPlaceholder(ReadOnlySpan<char> v)
    {
        if (v.StartsWith("${") || v.StartsWith("{{") || v.StartsWith("%(") || v.StartsWith("<") || v.StartsWith("[") || v.StartsWith("$(")
            || v.StartsWith("process.env") || v.StartsWith("os.environ") || v.StartsWith("env(") || v.StartsWith("{"))
        {
            return true;
        }

        if (v.Trim("*xX•.-_ ").Length == 0)
        {
            return true;
        }

        foreach (var w in NotValues)
        {
            if (v.Equals(w, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Workbench.Core.Validation;

/// <summary>
/// Extracts the JSON value from a raw model output by one documented rule (see ADR-003):
/// <list type="number">
/// <item>drop a leading <c>&lt;think&gt;…&lt;/think&gt;</c> / <c>&lt;thinking&gt;…&lt;/thinking&gt;</c> block;</item>
/// <item>if the whole trimmed remainder is valid JSON, that is the value (scalars included);</item>
/// <item>otherwise the first fenced code block (<c>```json</c> or bare <c>```</c>) whose content parses;</item>
/// <item>otherwise the first balanced top-level object or array that parses, scanning left to right and respecting strings and escapes;</item>
/// <item>otherwise nothing, with the reason.</item>
/// </list>
/// "Parses" means strict RFC 8259 (no comments, trailing commas, single quotes, NaN or Python literals). Invalid JSON is
/// never repaired. Scanning is linear in the output length: failed candidates are skipped as a whole, and only a bounded
/// number of unclosed candidates is rescanned.
/// </summary>
public static class JsonExtractor
{
    private const int MaxUnclosedRestarts = 16;

    /// <summary>Failed parse attempts before the scan gives up (each costs an exception; this keeps 5 MB of "{x} [y]" fast).</summary>
    internal const int MaxFailedAttempts = 1000;

    private static readonly SearchValues<char> ProseStops = SearchValues.Create("{[<");
    private static readonly SearchValues<char> CandidateStops = SearchValues.Create("{}[]\"");
    private static readonly SearchValues<char> StringStops = SearchValues.Create("\"\\");

    /// <summary>Extracts the JSON from <paramref name="output"/>. Never throws on any input.</summary>
    public static ExtractionResult Extract(string? output, ValidationLimits? limits = null)
    {
        limits ??= ValidationLimits.Default;
        if (string.IsNullOrEmpty(output))
        {
            return Failed(null, ExtractionFailure.Empty, "the output is empty: there is no JSON to validate", -1);
        }

        if (TextLimits.ExceedsBytes(output, limits.MaxOutputBytes, out var bytes))
        {
            return Failed(null, ExtractionFailure.TooLarge,
                $"the output is {TextLimits.Describe(bytes)}, more than the limit of {TextLimits.Describe(limits.MaxOutputBytes)}; it was not parsed", -1);
        }

        var text = output;
        var start = SkipWhitespace(text, 0, text.Length);
        if (start == text.Length)
        {
            return Failed(text, ExtractionFailure.Empty, "the output is only whitespace: there is no JSON to validate", -1);
        }

        var thinkDropped = false;
        var thinkHadJson = false;
        if (TryMatchThinkOpen(text, start, out var closeTag, out var bodyStart))
        {
            var close = text.IndexOf(closeTag, bodyStart, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                return Failed(text, ExtractionFailure.ReasoningOnly,
                    "the output is an unclosed reasoning block (<think> without </think>): no answer follows it", start);
            }

            thinkHadJson = text.AsSpan(bodyStart, close - bodyStart).IndexOfAny('{', '[') >= 0;
            start = SkipWhitespace(text, close + closeTag.Length, text.Length);
            thinkDropped = true;
        }

        var end = TrimEnd(text, start, text.Length);
        if (start >= end)
        {
            return thinkDropped
                ? Failed(text, ExtractionFailure.ReasoningOnly, thinkHadJson
                    ? "JSON appears only inside the <think> reasoning block, which is ignored; no JSON follows it"
                    : "the output holds only a <think> reasoning block and no answer", -1)
                : Failed(text, ExtractionFailure.Empty, "the output is only whitespace: there is no JSON to validate", -1);
        }

        var attempts = new Attempts(text, limits.MaxDepth);

        // Step 2: the whole trimmed remainder.
        if (MayStartJson(text[start]))
        {
            if (attempts.TryParse(start, end, out var failure))
            {
                return Extracted(text, start, end, ExtractionStep.WholeOutput);
            }

            var isWord = failure.Kind is ExtractionFailure.NonFiniteNumber or ExtractionFailure.PythonLiteral;
            if (text[start] is '{' or '[' || (isWord && IsSingleWord(text, start, end)))
            {
                attempts.Record(failure);
            }
        }

        // Step 3: the first fenced block whose content parses.
        if (TryFences(text, start, end, attempts, out var fenceStart, out var fenceEnd))
        {
            return Extracted(text, fenceStart, fenceEnd, ExtractionStep.FencedBlock);
        }

        // Step 4: the first balanced object or array that parses.
        if (TryBalanced(text, start, end, attempts, out var candidateStart, out var candidateEnd))
        {
            return Extracted(text, candidateStart, candidateEnd, ExtractionStep.BalancedScan);
        }

        // Step 5: nothing; say why.
        var best = attempts.Best();
        if (best is { } f)
        {
            return Failed(text, f.Kind, f.Message, f.Position);
        }

        return thinkDropped && thinkHadJson
            ? Failed(text, ExtractionFailure.ReasoningOnly,
                "JSON appears only inside the <think> reasoning block, which is ignored; no JSON follows it", -1)
            : Failed(text, ExtractionFailure.NoJson,
                "no JSON found: the output has no JSON object, array or fenced JSON block (prose, a refusal, or a bare value inside text)", -1);
    }

    private static bool TryFences(string text, int start, int end, Attempts attempts, out int contentStart, out int contentEnd)
    {
        contentStart = contentEnd = 0;
        var i = start;
        while (i < end)
        {
            var lineEnd = LineEnd(text, i, end);
            var line = text.AsSpan(i, lineEnd - i).Trim(" \t\r");
            var next = lineEnd < end ? lineEnd + 1 : end;
            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                i = next;
                continue;
            }

            var info = line.TrimStart('`').Trim();
            var space = info.IndexOfAny(' ', '\t');
            var word = space < 0 ? info : info[..space];
            var isJson = word.Length == 0 || word.Equals("json", StringComparison.OrdinalIgnoreCase);

            // The block ends at the next line that is only backticks.
            var j = next;
            var closeLine = -1;
            while (j < end)
            {
                var le = LineEnd(text, j, end);
                var candidate = text.AsSpan(j, le - j).Trim(" \t\r");
                if (candidate.Length >= 3 && !candidate.ContainsAnyExcept('`'))
                {
                    closeLine = j;
                    break;
                }

                j = le < end ? le + 1 : end;
            }

            var blockEnd = closeLine < 0 ? end : closeLine;
            if (isJson)
            {
                var s = SkipWhitespace(text, next, blockEnd);
                var e = TrimEnd(text, s, blockEnd);
                if (s < e)
                {
                    if (attempts.TryParse(s, e, out var failure))
                    {
                        contentStart = s;
                        contentEnd = e;
                        return true;
                    }

                    attempts.Record(failure);
                }
            }

            if (closeLine < 0)
            {
                return false;
            }

            i = LineEnd(text, closeLine, end);
            i = i < end ? i + 1 : end;
        }

        return false;
    }

    private static bool TryBalanced(string text, int start, int end, Attempts attempts, out int candidateStart, out int candidateEnd)
    {
        candidateStart = candidateEnd = 0;
        var pos = start;
        var restarts = 0;
        var kinds = new List<char>();
        while (pos < end)
        {
            var k = text.AsSpan(pos, end - pos).IndexOfAny(ProseStops);
            if (k < 0)
            {
                return false;
            }

            k += pos;
            if (text[k] == '<')
            {
                // A reasoning block anywhere in the prose is skipped as a whole.
                if (TryMatchThinkOpen(text, k, out var closeTag, out var bodyStart))
                {
                    var close = text.IndexOf(closeTag, bodyStart, end - bodyStart, StringComparison.OrdinalIgnoreCase);
                    if (close < 0)
                    {
                        return false;
                    }

                    pos = close + closeTag.Length;
                }
                else
                {
                    pos = k + 1;
                }

                continue;
            }

            var scan = ScanBalanced(text, k, end, attempts.MaxDepth, kinds);
            if (scan.Close >= 0)
            {
                if (scan.TooDeep)
                {
                    attempts.Record(new Failure(ExtractionFailure.TooDeep,
                        $"the JSON is nested deeper than {attempts.MaxDepth} levels", k, scan.Close + 1 - k));
                }
                else if (!scan.Mismatch && (MayBeJsonContainer(text, k, scan.Close) || attempts.Failed < 64))
                {
                    if (attempts.Failed >= MaxFailedAttempts)
                    {
                        attempts.Record(new Failure(ExtractionFailure.InvalidJson,
                            $"no JSON found: gave up after {MaxFailedAttempts} bracketed candidates that do not parse", k, 0));
                        return false;
                    }

                    if (attempts.TryParse(k, scan.Close + 1, out var failure))
                    {
                        candidateStart = k;
                        candidateEnd = scan.Close + 1;
                        return true;
                    }

                    attempts.Record(failure);
                }

                pos = scan.Close + 1;
                continue;
            }

            // Unclosed until the end: truncated JSON stops the scan; otherwise this bracket was prose, try the next one.
            if (scan.TooDeep)
            {
                attempts.Record(new Failure(ExtractionFailure.TooDeep,
                    $"the JSON is nested deeper than {attempts.MaxDepth} levels", k, end - k));
                return false;
            }

            if (!attempts.TryParse(k, end, out var unclosed))
            {
                attempts.Record(unclosed);
                if (unclosed.Kind == ExtractionFailure.Truncated || ++restarts > MaxUnclosedRestarts)
                {
                    return false;
                }
            }

            pos = k + 1;
        }

        return false;
    }

    private static BalancedScan ScanBalanced(string text, int open, int end, int maxDepth, List<char> kinds)
    {
        kinds.Clear();
        var tooDeep = false;
        var i = open;
        while (i < end)
        {
            var k = text.AsSpan(i, end - i).IndexOfAny(CandidateStops);
            if (k < 0)
            {
                break;
            }

            i += k;
            var c = text[i];
            switch (c)
            {
                case '"':
                    i = SkipString(text, i + 1, end);
                    if (i < 0)
                    {
                        return new BalancedScan(-1, false, tooDeep);
                    }

                    continue;
                case '{':
                case '[':
                    kinds.Add(c == '{' ? '}' : ']');
                    tooDeep |= kinds.Count > maxDepth;
                    break;
                default:
                    var expected = kinds[^1];
                    kinds.RemoveAt(kinds.Count - 1);
                    if (c != expected)
                    {
                        return new BalancedScan(i, true, tooDeep);
                    }

                    if (kinds.Count == 0)
                    {
                        return new BalancedScan(i, false, tooDeep);
                    }

                    break;
            }

            i++;
        }

        return new BalancedScan(-1, false, tooDeep);
    }

    /// <summary>Returns the index after the closing quote, or -1 when the string is not closed.</summary>
    private static int SkipString(string text, int i, int end)
    {
        while (i < end)
        {
            var k = text.AsSpan(i, end - i).IndexOfAny(StringStops);
            if (k < 0)
            {
                return -1;
            }

            i += k;
            if (text[i] == '"')
            {
                return i + 1;
            }

            i += 2; // a backslash escapes the next character
        }

        return -1;
    }

    private static bool TryMatchThinkOpen(string text, int i, out string closeTag, out int bodyStart)
    {
        var rest = text.AsSpan(i);
        if (rest.StartsWith("<think>", StringComparison.OrdinalIgnoreCase))
        {
            closeTag = "</think>";
            bodyStart = i + "<think>".Length;
            return true;
        }

        if (rest.StartsWith("<thinking>", StringComparison.OrdinalIgnoreCase))
        {
            closeTag = "</thinking>";
            bodyStart = i + "<thinking>".Length;
            return true;
        }

        closeTag = "";
        bodyStart = i;
        return false;
    }

    /// <summary>
    /// Cheap check that a balanced candidate can be JSON at all (<c>{</c> followed by <c>"</c> or <c>}</c>, <c>[</c> by a value or <c>]</c>).
    /// Candidates failing it are still parsed while few failures were seen, so the reason can name single quotes, comments...
    /// </summary>
    private static bool MayBeJsonContainer(string text, int open, int close)
    {
        var i = SkipWhitespace(text, open + 1, close + 1);
        if (i > close)
        {
            return false;
        }

        var c = text[i];
        return text[open] == '{'
            ? c is '"' or '}'
            : c is ']' or '{' or '[' or '"' or '-' or (>= '0' and <= '9') or 't' or 'f' or 'n';
    }

    private static bool MayStartJson(char c) =>
        c is '{' or '[' or '"' or '-' or (>= '0' and <= '9') or 't' or 'f' or 'n' or 'T' or 'F' or 'N' or 'I';

    private static bool IsSingleWord(string text, int start, int end)
    {
        var s = text[start] == '-' ? start + 1 : start;
        for (var i = s; i < end; i++)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsWhitespace(char c) => char.IsWhiteSpace(c) || c == '\uFEFF';

    private static int SkipWhitespace(string text, int i, int end)
    {
        while (i < end && IsWhitespace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && IsWhitespace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private static int LineEnd(string text, int i, int end)
    {
        var k = text.AsSpan(i, end - i).IndexOf('\n');
        return k < 0 ? end : i + k;
    }

    private static ExtractionResult Extracted(string text, int start, int end, ExtractionStep step) =>
        new(text.Substring(start, end - start), step, ExtractionFailure.None, null, 0, 0);

    private static ExtractionResult Failed(string? text, ExtractionFailure kind, string reason, int position)
    {
        if (text is null || position < 0)
        {
            return new ExtractionResult(null, ExtractionStep.None, kind, reason, 0, 0);
        }

        var (line, column) = TextLimits.LineColumn(text, position);
        return new ExtractionResult(null, ExtractionStep.None, kind, $"{reason} (line {line}, column {column})", line, column);
    }

    private readonly record struct BalancedScan(int Close, bool Mismatch, bool TooDeep);

    private readonly record struct Failure(ExtractionFailure Kind, string Message, int Position, int Length);

    /// <summary>Parse attempts and the failures seen so far.</summary>
    private sealed class Attempts(string text, int maxDepth)
    {
        private readonly List<Failure> _failures = [];

        public int MaxDepth { get; } = maxDepth;

        public int Failed { get; private set; }

        public void Record(Failure failure)
        {
            Failed++;
            if (_failures.Count < 64)
            {
                _failures.Add(failure);
            }
        }

        /// <summary>The first specific failure, else the largest candidate that did not parse.</summary>
        public Failure? Best()
        {
            foreach (var f in _failures)
            {
                if (f.Kind is not ExtractionFailure.InvalidJson)
                {
                    return f;
                }
            }

            Failure? best = null;
            foreach (var f in _failures)
            {
                if (best is null || f.Length > best.Value.Length)
                {
                    best = f;
                }
            }

            return best;
        }

        public bool TryParse(int start, int end, out Failure failure)
        {
            var length = end - start;
            var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
            try
            {
                var count = Encoding.UTF8.GetBytes(text.AsSpan(start, length), rented);
                var bytes = rented.AsSpan(0, count);
                var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth });
                try
                {
                    while (reader.Read())
                    {
                    }

                    failure = default;
                    return true;
                }
                catch (JsonException ex)
                {
                    var offset = ByteOffset(bytes, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
                    var tooDeep = reader.CurrentDepth >= MaxDepth - 1 && ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase);
                    var atEnd = offset >= count;
                    var position = start + Encoding.UTF8.GetCharCount(bytes[..Math.Min(offset, count)]);
                    failure = Classify(start, end, position, atEnd, tooDeep, ex.Message);
                    return false;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        private Failure Classify(int start, int end, int position, bool atEnd, bool tooDeep, string readerMessage)
        {
            var length = end - start;
            if (tooDeep)
            {
                return new Failure(ExtractionFailure.TooDeep, $"the JSON is nested deeper than {MaxDepth} levels", position, length);
            }

            if (atEnd || position >= end)
            {
                return new Failure(ExtractionFailure.Truncated,
                    "the JSON is truncated: it ends before an object, array or string is closed", Math.Min(position, end - 1), length);
            }

            var c = text[position];
            var prev = position - 1;
            while (prev >= start && IsWhitespace(text[prev]))
            {
                prev--;
            }

            var prevChar = prev >= start ? text[prev] : '\0';
            if (c is '}' or ']' && prevChar == ',')
            {
                return new Failure(ExtractionFailure.TrailingComma,
                    $"the JSON has a trailing comma before '{c}', which JSON does not allow", prev, length);
            }

            if (c == '\'')
            {
                return new Failure(ExtractionFailure.SingleQuotes,
                    "the JSON uses single quotes; JSON strings and property names need double quotes", position, length);
            }

            if ((c == '/' && position + 1 < end && text[position + 1] is '/' or '*') || c == '#')
            {
                return new Failure(ExtractionFailure.Comments, "the JSON contains a comment, which JSON does not allow", position, length);
            }

            var wordStart = c == '-' ? position + 1 : position;
            var wordEnd = wordStart;
            while (wordEnd < end && (char.IsAsciiLetterOrDigit(text[wordEnd]) || text[wordEnd] == '_'))
            {
                wordEnd++;
            }

            // The reader may stop inside a literal (at "Tr|ue"): widen to the whole word.
            while (wordStart > start && char.IsAsciiLetter(text[wordStart - 1]))
            {
                wordStart--;
            }

            var word = text.AsSpan(wordStart, wordEnd - wordStart);
            if (word is "NaN" or "Infinity")
            {
                return new Failure(ExtractionFailure.NonFiniteNumber,
                    $"the JSON contains {word}, which is not a JSON number", wordStart, length);
            }

            if (word is "True" or "False" or "None")
            {
                return new Failure(ExtractionFailure.PythonLiteral,
                    $"the JSON contains the Python literal {word}; JSON uses true, false and null", wordStart, length);
            }

            var beforeWord = wordStart - 1;
            while (beforeWord >= start && IsWhitespace(text[beforeWord]))
            {
                beforeWord--;
            }

            if (word.Length > 0 && beforeWord >= start && text[beforeWord] is '{' or ',' && char.IsAsciiLetter(word[0]))
            {
                var after = wordEnd;
                while (after < end && IsWhitespace(text[after]))
                {
                    after++;
                }

                if (after < end && text[after] == ':')
                {
                    return new Failure(ExtractionFailure.UnquotedName,
                        $"the property name {word} is not in double quotes", wordStart, length);
                }
            }

            var detail = readerMessage;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                detail = detail[..cut].TrimEnd('.', ' ');
            }

            return new Failure(ExtractionFailure.InvalidJson, $"no candidate parses as JSON; the first problem: {detail}", position, length);
        }

        private static int ByteOffset(ReadOnlySpan<byte> bytes, long line, long bytePositionInLine)
        {
            var offset = 0;
            for (long l = 0; l < line; l++)
            {
                var k = bytes[offset..].IndexOf((byte)'\n');
                if (k < 0)
                {
                    return bytes.Length;
                }

                offset += k + 1;
            }

            return (int)Math.Min(bytes.Length, offset + bytePositionInLine);
        }
    }
}

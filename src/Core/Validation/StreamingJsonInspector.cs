using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workbench.Core.Validation;

/// <summary>
/// Follows a model output while it streams and tells, after every chunk, whether it can still become valid JSON and
/// which required top-level properties have arrived (see <see cref="StreamingJsonStatus"/>). The rule mirrors
/// <see cref="JsonExtractor"/>'s preamble handling: a leading <c>&lt;think&gt;…&lt;/think&gt;</c> block is skipped;
/// an output that starts with a JSON value is followed from its first character; otherwise leading prose (including a
/// <c>```json</c> fence line) is skipped up to the first <c>{</c> or <c>[</c>, and a bracket in prose that fails before
/// its first key or value is complete (<c>[note]</c>, <c>{name}</c>) is passed over (at most <see cref="MaxRestarts"/>
/// times, like the extractor); once a member is complete the candidate is committed and a fault in it is final. Once an object or
/// array is complete, whatever follows is ignored (the extractor ignores it too). A scalar followed by more text is
/// treated as prose. Strict RFC 8259: no comments, single quotes, trailing commas, NaN or Python literals.
/// Incremental: each character is looked at a bounded number of times, so the total work is linear in the output.
/// Never throws on any input.
/// </summary>
public sealed class StreamingJsonInspector
{
    /// <summary>Brackets in prose that do not start JSON and are passed over before the output is called not viable.</summary>
    public const int MaxRestarts = 16;

    private const int MaxKeyLength = 4096;

    private static readonly SearchValues<char> ProseStops = SearchValues.Create("{[<");

    private readonly IReadOnlyList<string> _required;
    private readonly int _maxDepth;
    private readonly HashSet<string> _presentKeys = new(StringComparer.Ordinal);
    private readonly List<bool> _stack = []; // true = object
    private readonly StringBuilder _key = new();
    private char[] _buffer = new char[256];
    private int _length;
    private int _pos;
    private Phase _phase = Phase.Start;
    private bool _thinkSeen;
    private Phase _afterThink;
    private string _thinkClose = "";
    private int _thinkSearchFrom;
    private int _candidateStart;
    private bool _candidateInProse;
    private bool _committed;
    private bool _scalarTop;
    private bool _topIsObject;
    private int _restarts;
    private Expect _expect;
    private Token _token;
    private bool _stringIsKey;
    private bool _recordKey;
    private int _escape; // 0 none, 1 after a backslash, 2..5 reading \u hex digits
    private int _hex;
    private NumberState _number;
    private string _literal = "";
    private int _literalIndex;
    private int? _failedAt;
    private string? _reason;
    private StreamingJsonStatus? _status;

    /// <param name="requiredProperties">The schema's top-level required property names (see <see cref="RequiredOf"/>).</param>
    /// <param name="limits">Nesting limit; defaults to <see cref="ValidationLimits.Default"/>.</param>
    public StreamingJsonInspector(IReadOnlyList<string>? requiredProperties = null, ValidationLimits? limits = null)
    {
        _required = requiredProperties ?? [];
        _maxDepth = (limits ?? ValidationLimits.Default).MaxDepth;
    }

    private enum Phase
    {
        Start,
        Think,
        Prose,
        Value,
        Done,
        Failed,
    }

    private enum Expect
    {
        Value,
        ArrayFirstValueOrEnd,
        ObjectFirstKeyOrEnd,
        Key,
        Colon,
        CommaOrEnd,
    }

    private enum Token
    {
        None,
        String,
        Number,
        Literal,
    }

    private enum NumberState
    {
        Minus,
        Zero,
        Int,
        Dot,
        Frac,
        Exp,
        ExpSign,
        ExpDigits,
    }

    /// <summary>The output received so far.</summary>
    public string Text => new(_buffer, 0, _length);

    /// <summary>Inspects a whole text at once.</summary>
    public static StreamingJsonStatus Inspect(string? text, IReadOnlyList<string>? requiredProperties = null)
    {
        var inspector = new StreamingJsonInspector(requiredProperties);
        inspector.Append(text);
        return inspector.Status;
    }

    /// <summary>The top-level <c>required</c> property names of a JSON Schema; empty when there are none or it does not parse.</summary>
    public static IReadOnlyList<string> RequiredOf(string? schemaJson)
    {
        if (string.IsNullOrWhiteSpace(schemaJson))
        {
            return [];
        }

        try
        {
            using var schema = JsonDocument.Parse(schemaJson, new JsonDocumentOptions { MaxDepth = 512 });
            if (schema.RootElement.ValueKind != JsonValueKind.Object
                || !schema.RootElement.TryGetProperty("required", out var required)
                || required.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).Distinct(StringComparer.Ordinal)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Adds the next chunk of output and inspects as far as it can be decided.</summary>
    public void Append(string? delta)
    {
        if (string.IsNullOrEmpty(delta))
        {
            return;
        }

        if (_length + delta.Length > _buffer.Length)
        {
            var grown = new char[Math.Max(_buffer.Length * 2, _length + delta.Length)];
            Array.Copy(_buffer, grown, _length);
            _buffer = grown;
        }

        delta.CopyTo(0, _buffer, _length, delta.Length);
        _length += delta.Length;
        _status = null;
        Advance();
    }

    /// <summary>The state after everything appended so far.</summary>
    public StreamingJsonStatus Status => _status ??= BuildStatus();

    private void Advance()
    {
        while (_pos < _length)
        {
            var c = _buffer[_pos];
            switch (_phase)
            {
                case Phase.Start:
                    if (!StepStart(c))
                    {
                        return;
                    }

                    break;
                case Phase.Think:
                    if (!StepThink())
                    {
                        return;
                    }

                    break;
                case Phase.Prose:
                    if (!StepProse())
                    {
                        return;
                    }

                    break;
                case Phase.Value:
                    StepValue(c);
                    break;
                case Phase.Done:
                    if (!_scalarTop)
                    {
                        _pos = _length; // the rest is ignored, as by the extractor
                        return;
                    }

                    if (IsWhitespace(c))
                    {
                        _pos++;
                        break;
                    }

                    // A bare value followed by text was prose after all: look for an object or array after it.
                    ResetValue();
                    _phase = Phase.Prose;
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>False = wait for more text.</summary>
    private bool StepStart(char c)
    {
        if (char.IsWhiteSpace(c) || c == '\uFEFF')
        {
            _pos++;
            return true;
        }

        if (c == '<' && !_thinkSeen)
        {
            var match = MatchThinkOpen(_pos);
            if (match is null)
            {
                return false;
            }

            if (match.Value.Length > 0)
            {
                EnterThink(match.Value.Length, match.Value.Close, Phase.Start);
                return true;
            }
        }

        if (c is '{' or '[' or '"' or '-' or (>= '0' and <= '9') or 't' or 'f' or 'n')
        {
            BeginCandidate(inProse: false);
            _scalarTop = c is not ('{' or '[');
            return true;
        }

        _phase = Phase.Prose;
        return true;
    }

    private bool StepThink()
    {
        var from = Math.Max(_thinkSearchFrom, _pos);
        var found = _buffer.AsSpan(from, _length - from).IndexOf(_thinkClose.AsSpan(), StringComparison.OrdinalIgnoreCase);
        if (found < 0)
        {
            _thinkSearchFrom = Math.Max(_pos, _length - _thinkClose.Length + 1);
            return false;
        }

        _pos = from + found + _thinkClose.Length;
        _phase = _afterThink;
        return true;
    }

    private bool StepProse()
    {
        var found = _buffer.AsSpan(_pos, _length - _pos).IndexOfAny(ProseStops);
        if (found < 0)
        {
            _pos = _length;
            return true;
        }

        _pos += found;
        if (_buffer[_pos] == '<')
        {
            var match = MatchThinkOpen(_pos);
            if (match is null)
            {
                return false;
            }

            if (match.Value.Length > 0)
            {
                EnterThink(match.Value.Length, match.Value.Close, Phase.Prose);
            }
            else
            {
                _pos++;
            }

            return true;
        }

        BeginCandidate(inProse: true);
        _scalarTop = false;
        return true;
    }

    private void EnterThink(int openLength, string close, Phase after)
    {
        _thinkSeen = true;
        _pos += openLength;
        _thinkClose = close;
        _thinkSearchFrom = _pos;
        _afterThink = after;
        _phase = Phase.Think;
    }

    /// <summary>Null = undecided (the text so far is a prefix of an opening tag); length 0 = not a reasoning tag.</summary>
    private (int Length, string Close)? MatchThinkOpen(int at)
    {
        var rest = _buffer.AsSpan(at, _length - at);
        foreach (var (open, close) in new[] { ("<thinking>", "</thinking>"), ("<think>", "</think>") })
        {
            if (rest.StartsWith(open, StringComparison.OrdinalIgnoreCase))
            {
                return (open.Length, close);
            }
        }

        return rest.Length < "<thinking>".Length && ("<thinking>".AsSpan().StartsWith(rest, StringComparison.OrdinalIgnoreCase))
            ? null
            : (0, "");
    }

    private void BeginCandidate(bool inProse)
    {
        ResetValue();
        _candidateStart = _pos;
        _candidateInProse = inProse;
        _committed = false;
        _phase = Phase.Value;
        _expect = Expect.Value;
    }

    private void ResetValue()
    {
        _stack.Clear();
        _presentKeys.Clear();
        _topIsObject = false;
        _token = Token.None;
        _escape = 0;
        _key.Clear();
    }

    private void StepValue(char c)
    {
        switch (_token)
        {
            case Token.String:
                StepString(c);
                return;
            case Token.Literal:
                if (c != _literal[_literalIndex])
                {
                    Fail(LiteralReason(c));
                    return;
                }

                _pos++;
                if (++_literalIndex == _literal.Length)
                {
                    _token = Token.None;
                    AfterValue();
                }

                return;
            case Token.Number:
                if (StepNumber(c))
                {
                    return;
                }

                _token = Token.None;
                AfterValue();
                if (_phase != Phase.Value)
                {
                    return; // a top-level number ended: the character is looked at as what follows the value
                }

                break;
        }

        if (IsWhitespace(c))
        {
            _pos++;
            return;
        }

        switch (_expect)
        {
            case Expect.Value:
            case Expect.ArrayFirstValueOrEnd:
                if (c == ']' && _expect == Expect.ArrayFirstValueOrEnd)
                {
                    Close();
                    return;
                }

                BeginValue(c);
                return;
            case Expect.ObjectFirstKeyOrEnd:
            case Expect.Key:
                if (c == '"')
                {
                    _pos++;
                    _token = Token.String;
                    _stringIsKey = true;
                    _recordKey = _stack.Count == 1;
                    _key.Clear();
                    return;
                }

                if (c == '}' && _expect == Expect.ObjectFirstKeyOrEnd)
                {
                    Close();
                    return;
                }

                Fail(c switch
                {
                    '}' => "a trailing comma before '}' is not allowed in JSON",
                    '\'' => "property names must be in double quotes; single quotes are not JSON",
                    '/' => "comments are not allowed in JSON",
                    _ => $"expected a property name in double quotes, found {Describe(c)}",
                });
                return;
            case Expect.Colon:
                if (c == ':')
                {
                    _pos++;
                    _expect = Expect.Value;
                    return;
                }

                Fail($"expected ':' after the property name, found {Describe(c)}");
                return;
            case Expect.CommaOrEnd:
                var inObject = _stack[^1];
                if (c == ',')
                {
                    _pos++;
                    _expect = inObject ? Expect.Key : Expect.Value;
                    return;
                }

                if (c == (inObject ? '}' : ']'))
                {
                    Close();
                    return;
                }

                Fail(c == '/'
                    ? "comments are not allowed in JSON"
                    : $"expected ',' or '{(inObject ? '}' : ']')}', found {Describe(c)}");
                return;
        }
    }

    private void BeginValue(char c)
    {
        switch (c)
        {
            case '{':
            case '[':
                if (_stack.Count >= _maxDepth)
                {
                    Fail(string.Create(CultureInfo.InvariantCulture, $"the JSON is nested deeper than {_maxDepth} levels"));
                    return;
                }

                _stack.Add(c == '{');
                if (_stack.Count == 1)
                {
                    _topIsObject = c == '{';
                }

                _expect = c == '{' ? Expect.ObjectFirstKeyOrEnd : Expect.ArrayFirstValueOrEnd;
                _pos++;
                return;
            case '"':
                _token = Token.String;
                _stringIsKey = false;
                _recordKey = false;
                _pos++;
                return;
            case '-':
                _token = Token.Number;
                _number = NumberState.Minus;
                _pos++;
                return;
            case >= '0' and <= '9':
                _token = Token.Number;
                _number = c == '0' ? NumberState.Zero : NumberState.Int;
                _pos++;
                return;
            case 't':
            case 'f':
            case 'n':
                _token = Token.Literal;
                _literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
                _literalIndex = 1;
                _pos++;
                return;
        }

        Fail(c switch
        {
            ']' or '}' => "a value is missing here (a trailing comma is not allowed in JSON)",
            ',' => "a value is missing before ','",
            '\'' => "strings must be in double quotes; single quotes are not JSON",
            'T' or 'F' => "True/False are Python; JSON uses true/false",
            'N' => "None/NaN are not JSON; use null",
            'I' => "Infinity is not a JSON number",
            '/' => "comments are not allowed in JSON",
            _ => $"expected a JSON value, found {Describe(c)}",
        });
    }

    private void StepString(char c)
    {
        if (_escape == 1)
        {
            var decoded = c switch
            {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => '\0',
            };
            if (c == 'u')
            {
                _escape = 2;
                _hex = 0;
                _pos++;
                return;
            }

            if (decoded == '\0')
            {
                Fail($"'\\{Printable(c)}' is not a JSON escape (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
                return;
            }

            RecordKeyChar(decoded);
            _escape = 0;
            _pos++;
            return;
        }

        if (_escape >= 2)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                Fail($"\\u must be followed by four hex digits, found {Describe(c)}");
                return;
            }

            _hex = (_hex * 16) + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            _pos++;
            if (++_escape == 6)
            {
                RecordKeyChar((char)_hex);
                _escape = 0;
            }

            return;
        }

        switch (c)
        {
            case '"':
                _pos++;
                _token = Token.None;
                if (_stringIsKey)
                {
                    if (_recordKey)
                    {
                        _presentKeys.Add(_key.ToString());
                    }

                    _committed = true;

                    _expect = Expect.Colon;
                }
                else
                {
                    AfterValue();
                }

                return;
            case '\\':
                _escape = 1;
                _pos++;
                return;
            case < ' ':
                Fail(string.Create(CultureInfo.InvariantCulture, $"a control character (U+{(int)c:X4}) inside a string must be escaped{(c == '\n' ? " as \\n" : c == '\t' ? " as \\t" : "")}"));
                return;
            default:
                RecordKeyChar(c);
                _pos++;
                return;
        }
    }

    private void RecordKeyChar(char c)
    {
        if (_recordKey && _key.Length < MaxKeyLength)
        {
            _key.Append(c);
        }
    }

    /// <summary>True when the character belongs to the number; false when the number ended before it.</summary>
    private bool StepNumber(char c)
    {
        var digit = c is >= '0' and <= '9';
        switch (_number)
        {
            case NumberState.Minus:
                if (!digit)
                {
                    Fail($"expected a digit after '-', found {Describe(c)}");
                    return true;
                }

                _number = c == '0' ? NumberState.Zero : NumberState.Int;
                break;
            case NumberState.Zero:
                if (digit)
                {
                    Fail("numbers must not have leading zeros");
                    return true;
                }

                if (!NumberContinues(c))
                {
                    return false;
                }

                break;
            case NumberState.Int:
            case NumberState.Frac:
                if (digit)
                {
                    break;
                }

                if (c == '.' && _number == NumberState.Frac)
                {
                    Fail("a number has a second decimal point");
                    return true;
                }

                if (!NumberContinues(c))
                {
                    return false;
                }

                break;
            case NumberState.Dot:
                if (!digit)
                {
                    Fail($"expected a digit after the decimal point, found {Describe(c)}");
                    return true;
                }

                _number = NumberState.Frac;
                break;
            case NumberState.Exp:
                if (c is '+' or '-')
                {
                    _number = NumberState.ExpSign;
                    break;
                }

                if (!digit)
                {
                    Fail($"expected a digit in the exponent, found {Describe(c)}");
                    return true;
                }

                _number = NumberState.ExpDigits;
                break;
            case NumberState.ExpSign:
                if (!digit)
                {
                    Fail($"expected a digit in the exponent, found {Describe(c)}");
                    return true;
                }

                _number = NumberState.ExpDigits;
                break;
            case NumberState.ExpDigits:
                if (!digit)
                {
                    return false;
                }

                break;
        }

        _pos++;
        return true;
    }

    /// <summary>'.' or an exponent after an integer part (which moves the state), or false when the number ended.</summary>
    private bool NumberContinues(char c)
    {
        if (c == '.' && _number is NumberState.Zero or NumberState.Int)
        {
            _number = NumberState.Dot;
            return true;
        }

        if (c is 'e' or 'E')
        {
            _number = NumberState.Exp;
            return true;
        }

        return false;
    }

    private void Close()
    {
        _stack.RemoveAt(_stack.Count - 1);
        _pos++;
        AfterValue();
    }

    private void AfterValue()
    {
        _committed = true;
        if (_stack.Count == 0)
        {
            _phase = Phase.Done;
            return;
        }

        _expect = Expect.CommaOrEnd;
    }

    private void Fail(string reason)
    {
        if (_candidateInProse && !_committed && _restarts < MaxRestarts)
        {
            // A bracket in prose that is not JSON ("[note]"): the extractor passes over it, and so do we.
            _restarts++;
            ResetValue();
            _pos = _candidateStart + 1;
            _phase = Phase.Prose;
            return;
        }

        if (!_candidateInProse && _scalarTop)
        {
            // "the answer is ..." or "3 reasons": not a bare JSON value after all, so it is prose.
            ResetValue();
            _pos = _candidateStart + 1;
            _phase = Phase.Prose;
            return;
        }

        _failedAt = _pos;
        _reason = reason;
        _phase = Phase.Failed;
    }

    private string LiteralReason(char c) => $"expected '{_literal}', found {Describe(c)}";

    private StreamingJsonStatus BuildStatus()
    {
        var present = _topIsObject ? _required.Where(_presentKeys.Contains).ToList() : [];
        var missing = _required.Where(r => !present.Contains(r, StringComparer.Ordinal)).ToList();
        if (_phase == Phase.Failed)
        {
            var (line, column) = LineColumn(_failedAt!.Value);
            return new StreamingJsonStatus(false, true, false, _failedAt, line, column, _reason, _required, present, missing);
        }

        var started = _phase is Phase.Value or Phase.Done;
        var complete = _phase == Phase.Done
            || (_phase == Phase.Value && _stack.Count == 0 && _token == Token.Number && _number is NumberState.Zero or NumberState.Int or NumberState.Frac or NumberState.ExpDigits);
        return new StreamingJsonStatus(true, started, complete, null, null, null, null, _required, present, missing);
    }

    private (int Line, int Column) LineColumn(int offset)
    {
        var line = 1;
        var lineStart = 0;
        var end = Math.Min(offset, _length);
        for (var i = 0; i < end; i++)
        {
            if (_buffer[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';

    private static string Describe(char c) => c switch
    {
        '\n' => "a line break",
        '\t' => "a tab",
        _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}"),
        _ => $"'{c}'",
    };

    private static string Printable(char c) => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"u{(int)c:X4}") : c.ToString();
}

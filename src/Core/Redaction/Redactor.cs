using System.Text;
using Workbench.Core.Redaction.Detectors;

namespace Workbench.Core.Redaction;

/// <summary>Finds and replaces sensitive values (PII and secrets) in free text. Immutable, thread-safe and reusable: build one
/// with <see cref="CreateDefault"/> or <see cref="Create(RedactionOptions)"/> and share it; no regex is built per call.</summary>
public sealed class Redactor
{
    private static readonly IDetector[] BuiltIn =
    [
        new ProviderKeyDetector(), new PrivateKeyDetector(), new AwsSecretKeyDetector(), new CredentialDetector(), new CsvColumnDetector(),
        new EmailDetector(), new CardDetector(), new IbanDetector(), new SsnDetector(), new IpDetector(), new PhoneDetector(),
    ];

    private static readonly Lazy<Redactor> Default = new(() => new Redactor(new RedactionOptions()));

    private readonly IDetector[] _detectors;
    private readonly HashSet<string> _enabled;
    private readonly bool _numbering;

    private Redactor(RedactionOptions options)
    {
        var detectors = BuiltIn.Where(d => d.Kinds.Any(options.IsEnabled)).ToList();
        if (options.CustomPatterns.Count > 0 || options.CustomTerms.Count > 0)
        {
            detectors.Add(new CustomDetector(options.CustomPatterns, options.CustomTerms));
        }

        _detectors = [.. detectors];
        _enabled = new HashSet<string>(_detectors.SelectMany(d => d.Kinds).Where(k => k.StartsWith(RedactionKinds.CustomPrefix, StringComparison.Ordinal) || options.IsEnabled(k)), StringComparer.Ordinal);
        _numbering = options.Numbering;
    }

    /// <summary>All detectors on, no numbering. Returns a shared instance.</summary>
    public static Redactor CreateDefault() => Default.Value;

    /// <summary>A redactor with the given options (validated: custom pattern names and patterns; throws <see cref="ArgumentException"/>).</summary>
    public static Redactor Create(RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Redactor(options);
    }

    /// <summary>The kinds this instance reports.</summary>
    public IReadOnlyCollection<string> EnabledKinds => _enabled;

    /// <summary>Redacts <paramref name="text"/>; with <see cref="RedactionOptions.Numbering"/>, numbers are consistent within this call.</summary>
    public RedactionResult Redact(string text) => Redact(text, _numbering ? new RedactionScope() : null);

    /// <summary>Redacts <paramref name="text"/> numbering placeholders consistently within <paramref name="scope"/> (null: no numbers).</summary>
    public RedactionResult Redact(string text, RedactionScope? scope)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return new RedactionResult(text, []);
        }

        var found = new List<Detection>();
        foreach (var detector in _detectors)
        {
            detector.Detect(text, found);
        }

        if (found.Count == 0)
        {
            return new RedactionResult(text, []);
        }

        var spans = Resolve(text, found);
        var sb = new StringBuilder(text.Length);
        var last = 0;
        var result = new RedactedSpan[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            var d = spans[i];
            sb.Append(text, last, d.Start - last);
            var number = scope?.NumberOf(d.Kind, text.Substring(d.Start, d.Length)) ?? 0;
            sb.Append(RedactionKinds.Placeholder(d.Kind, number));
            last = d.End;
            result[i] = new RedactedSpan(d.Start, d.Length, d.Kind);
        }

        sb.Append(text, last, text.Length - last);
        return new RedactionResult(sb.ToString(), result);
    }

    /// <summary>Keeps enabled, JSON-safe detections; on overlap the higher tier wins (provider secrets, then other secrets and custom
    /// rules, then checksummed numbers, then the rest, then phones), then the longer span, then the earlier one.</summary>
    private List<Detection> Resolve(string text, List<Detection> found)
    {
        var candidates = new List<Detection>(found.Count);
        foreach (var raw in found)
        {
            if (_enabled.Contains(raw.Kind) && JsonSafe(text, raw) is { Length: > 0 } d)
            {
                candidates.Add(d);
            }
        }

        candidates.Sort((a, b) =>
        {
            var c = Tier(b.Kind).CompareTo(Tier(a.Kind));
            if (c == 0)
            {
                c = b.Length.CompareTo(a.Length);
            }

            return c != 0 ? c : a.Start.CompareTo(b.Start);
        });

        // Greedy by priority; a coverage map keeps overlap checks linear in the span lengths (no quadratic pass on dense input).
        var accepted = new List<Detection>(candidates.Count);
        var covered = System.Buffers.ArrayPool<bool>.Shared.Rent(text.Length);
        try
        {
            Array.Clear(covered, 0, text.Length);
            foreach (var d in candidates)
            {
                var range = covered.AsSpan(d.Start, d.Length);
                if (range.IndexOf(true) < 0)
                {
                    range.Fill(true);
                    accepted.Add(d);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<bool>.Shared.Return(covered);
        }

        accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
        return accepted;
    }

    /// <summary>Adjusts a span so replacing it cannot break a JSON string: it never contains a double quote (it is cut before
    /// the first one), never starts right after an escaping backslash and never ends inside an escape sequence.</summary>
    private static Detection JsonSafe(string text, Detection d)
    {
        var (s, e) = (d.Start, d.End);
        var quote = text.IndexOf('"', s, e - s);
        if (quote >= 0)
        {
            e = quote;
            if (e > s && text[e - 1] == '\\')
            {
                e--;
            }
        }

        if (s > 0 && text[s - 1] == '\\' && OddBackslashesBefore(text, s))
        {
            s--;
        }

        if (e > s && text[e - 1] == '\\' && OddBackslashesBefore(text, e))
        {
            e = e < text.Length && text[e] != '"' ? e + 1 : e - 1;
        }

        if (e > s && e <= text.Length && EndsInsideUnicodeEscape(text, s, e, out var fixedEnd))
        {
            e = fixedEnd;
        }

        return d with { Start = s, End = Math.Max(s, e) };
    }

    private static bool OddBackslashesBefore(string text, int pos)
    {
        var n = 0;
        for (var i = pos - 1; i >= 0 && text[i] == '\\'; i--)
        {
            n++;
        }

        return n % 2 == 1;
    }

    /// <summary>A span ending within <c>\uXXXX</c> is extended over the escape.</summary>
    private static bool EndsInsideUnicodeEscape(string text, int s, int e, out int fixedEnd)
    {
        fixedEnd = e;
        for (var k = Math.Max(s, e - 5); k < e; k++)
        {
            if (text[k] == '\\' && k + 1 < text.Length && text[k + 1] == 'u' && OddBackslashesBefore(text, k + 1) && k + 6 > e && k + 6 <= text.Length)
            {
                fixedEnd = k + 6;
                return true;
            }
        }

        return false;
    }

    private static int Tier(string kind) => kind switch
    {
        RedactionKinds.SecretPassword or RedactionKinds.SecretBearer => 3,
        _ when kind.StartsWith("secret:", StringComparison.Ordinal) => 4,
        _ when kind.StartsWith(RedactionKinds.CustomPrefix, StringComparison.Ordinal) => 3,
        RedactionKinds.Card or RedactionKinds.Iban => 2,
        RedactionKinds.Phone => 0,
        _ => 1,
    };
}

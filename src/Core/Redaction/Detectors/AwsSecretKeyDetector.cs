using System.Buffers;
using System.Text.RegularExpressions;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>AWS secret access keys: exactly 40 characters of base64 (mixed case and a digit, not hex) with AWS context: a key name
/// or keyword ("aws", "secret") before it on the line or the line above, in its CSV column header, or an access key id nearby.</summary>
internal sealed partial class AwsSecretKeyDetector : IDetector
{
    private const int IdProximity = 400;

    private static readonly SearchValues<string> Prefilter = SearchValues.Create(["aws", "secret", "akia", "asia"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> Context = SearchValues.Create(["aws", "secret", "amazon"], StringComparison.OrdinalIgnoreCase);

    // Fixed lengths: an attempt reads at most 40 (20) characters, a match consumes them (ADR-004, later changes).
    [GeneratedRegex("[A-Za-z0-9/+]{40}", RegexOptions.CultureInvariant)]
    internal static partial Regex Candidate();

    [GeneratedRegex("(?:AKIA|ASIA)[A-Z0-9]{16}", RegexOptions.CultureInvariant)]
    internal static partial Regex AccessKeyId();

    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.SecretAws];

    public void Detect(string text, List<Detection> found)
    {
        if (text.AsSpan().IndexOfAny(Prefilter) < 0)
        {
            return;
        }

        foreach (Match m in Candidate().Matches(text))
        {
            var (s, e) = (m.Index, m.Index + m.Length);
            if ((s > 0 && IsKeyChar(text[s - 1])) || (e < text.Length && (IsKeyChar(text[e]) || text[e] == '=')) || !LooksRandom(text.AsSpan(s, 40)))
            {
                continue;
            }

            if (Scan.HasContextBefore(text, s, Context, 64) || ContextWords.HeaderHas(text, s, Context) || NearAccessKeyId(text, s, e))
            {
                found.Add(new Detection(s, e, RedactionKinds.SecretAws));
            }
        }
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '+' or '_' or '-';

    private static bool LooksRandom(ReadOnlySpan<char> v)
    {
        bool upper = false, lower = false, digit = false, nonHex = false;
        foreach (var c in v)
        {
            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
            digit |= char.IsAsciiDigit(c);
            nonHex |= !char.IsAsciiHexDigit(c);
        }

        return upper && lower && digit && nonHex;
    }

    private static bool NearAccessKeyId(string text, int s, int e)
    {
        var from = Math.Max(0, s - IdProximity);
        var to = Math.Min(text.Length, e + IdProximity);
        return AccessKeyId().IsMatch(text.AsSpan(from, to - from));
    }
}

namespace Workbench.Core.Redaction.Detectors;

/// <summary>PEM / OpenSSH / PGP private-key blocks, from the five-dash BEGIN line naming a private key through the matching END line.
/// A block without an END line (truncated paste) is redacted up to the end of its body.</summary>
internal sealed class PrivateKeyDetector : IDetector
{
    private const string Dashes = "-----";
    private const string Begin = Dashes + "BEGIN ";
    private const string PrivateKeyWords = "PRIV" + "ATE" + " KEY";
    private const int MaxHeader = 64;

    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.SecretPrivateKey];

    public void Detect(string text, List<Detection> found)
    {
        var i = text.IndexOf(Begin, StringComparison.Ordinal);
        while (i >= 0)
        {
            var headerEnd = text.IndexOf(Dashes, i + Begin.Length, Math.Min(MaxHeader, text.Length - i - Begin.Length), StringComparison.Ordinal);
            if (headerEnd < 0 || text.AsSpan(i, headerEnd - i).IndexOf(PrivateKeyWords, StringComparison.Ordinal) < 0)
            {
                i = text.IndexOf(Begin, i + Begin.Length, StringComparison.Ordinal);
                continue;
            }

            var bodyStart = headerEnd + 5;
            var end = FindEnd(text, bodyStart);
            found.Add(new Detection(i, end, RedactionKinds.SecretPrivateKey));
            i = end < text.Length ? text.IndexOf(Begin, end, StringComparison.Ordinal) : -1;
        }
    }

    private static int FindEnd(string text, int bodyStart)
    {
        var endMarker = text.IndexOf(Dashes + "END ", bodyStart, StringComparison.Ordinal);
        var nextBegin = text.IndexOf(Begin, bodyStart, StringComparison.Ordinal);
        if (endMarker >= 0 && (nextBegin < 0 || endMarker < nextBegin))
        {
            var close = text.IndexOf(Dashes, endMarker + 9, Math.Min(MaxHeader, text.Length - endMarker - 9), StringComparison.Ordinal);
            if (close >= 0)
            {
                return close + 5;
            }
        }

        // Truncated: the body is base64 plus line breaks (raw or escaped as \n inside a JSON string).
        var p = bodyStart;
        while (p < text.Length)
        {
            var c = text[p];
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '\r' or ' ' or '\t' or ':' or ',' or '-')
            {
                p++;
            }
            else if (c == '\n' && !(p + 1 < text.Length && text[p + 1] is '\n' or '\r'))
            {
                p++;
            }
            else if (c == '\\' && p + 1 < text.Length && text[p + 1] is 'n' or 'r')
            {
                p += 2;
            }
            else
            {
                break;
            }
        }

        while (p > bodyStart && text[p - 1] is '\n' or '\r' or ' ' or '\t')
        {
            p--;
        }

        return p;
    }
}

using System.Collections.Frozen;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>IBANs: a country code with its registered length (ISO 13616 registry), compact or grouped with single spaces,
/// validated with mod-97. The length table decides where the IBAN ends, so a following word is never swallowed.</summary>
internal sealed class IbanDetector : IDetector
{
    /// <summary>Country code and IBAN length (ISO 13616 registry).</summary>
    private const string Registry =
        ""
        + "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 "
        + "EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 "
        + "IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 "
        + "NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 "
        + "SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30 ";

    private static readonly FrozenDictionary<string, int> Lengths = Registry
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .ToFrozenDictionary(e => e[..2], e => int.Parse(e.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.Iban];

    public void Detect(string text, List<Detection> found)
    {
        Span<char> buf = stackalloc char[40];
        // Candidates start two upper-case letters before a digit run: found with a vectorised digit search, no regex.
        var i = text.AsSpan().IndexOfAnyInRange('0', '9');
        var consumed = 0;
        while (i >= 0 && i < text.Length)
        {
            var s = i - 2;
            if (s >= consumed && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiLetterUpper(text[s]) && char.IsAsciiLetterUpper(text[s + 1])
                && (s == 0 || !Scan.IsWordChar(text[s - 1])) && Lengths.TryGetValue(text.Substring(s, 2), out var len))
            {
                var end = TryIban(text, s, len, buf);
                if (end > 0)
                {
                    found.Add(new Detection(s, end, RedactionKinds.Iban));
                    consumed = end;
                }
            }

            var p = i;
            while (p < text.Length && char.IsAsciiDigit(text[p]))
            {
                p++;
            }

            var next = p < text.Length ? text.AsSpan(p).IndexOfAnyInRange('0', '9') : -1;
            i = next < 0 ? -1 : p + next;
        }
    }

    /// <summary>Collects exactly <paramref name="len"/> alphanumerics from <paramref name="s"/>, allowing single spaces between them;
    /// returns the end index when they form a valid IBAN followed by a boundary, else -1.</summary>
    private static int TryIban(string text, int s, int len, Span<char> buf)
    {
        var n = 0;
        var i = s;
        while (i < text.Length && n < len)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
            {
                buf[n++] = c;
                i++;
            }
            else if (c == ' ' && n >= 4 && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return n == len && (i == text.Length || !Scan.IsWordChar(text[i])) && Checksums.IbanMod97(buf[..n]) ? i : -1;
    }
}

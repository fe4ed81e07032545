using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>IPv4 (four octets 0-255, not part of a longer dotted number, not a version such as <c>v1.2.3.4</c> or
/// <c>version 1.2.3.4</c>) and IPv6 (candidates of hex groups and colons confirmed with <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>).
/// A port is not part of the value.</summary>
internal sealed partial class IpDetector : IDetector
{
    // Bounded: an attempt reads at most 65 characters (ADR-004, later changes).
    [GeneratedRegex("[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{2,60}", RegexOptions.CultureInvariant)]
    internal static partial Regex V6();

    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.Ip];

    public void Detect(string text, List<Detection> found)
    {
        // IPv4: digit runs of 1-3 digits joined by three dots, found without a regex.
        var i = text.AsSpan().IndexOfAnyInRange('0', '9');
        while (i >= 0 && i < text.Length)
        {
            var e = DottedQuadEnd(text, i);
            if (e > 0 && IsV4(text, i, e))
            {
                found.Add(new Detection(i, e, RedactionKinds.Ip));
            }

            var p = Math.Max(e, i);
            while (p < text.Length && char.IsAsciiDigit(text[p]))
            {
                p++;
            }

            var next = p < text.Length ? text.AsSpan(p).IndexOfAnyInRange('0', '9') : -1;
            i = next < 0 ? -1 : p + next;
        }

        if (text.Contains("::", StringComparison.Ordinal) || text.AsSpan().Count(':') >= 7)
        {
            foreach (Match m in V6().Matches(text))
            {
                var (s, e) = TrimV6(text, m.Index, m.Index + m.Length);
                if (e > s && IsV6(text, s, e))
                {
                    found.Add(new Detection(s, e, RedactionKinds.Ip));
                }
            }
        }
    }

    private static int DottedQuadEnd(string text, int p)
    {
        for (var part = 0; part < 4; part++)
        {
            var s = p;
            while (p < text.Length && p - s < 4 && char.IsAsciiDigit(text[p]))
            {
                p++;
            }

            if (p == s || p - s > 3)
            {
                return -1;
            }

            if (part < 3)
            {
                if (p >= text.Length || text[p] != '.')
                {
                    return -1;
                }

                p++;
            }
        }

        return p;
    }

    private static bool IsV4(string text, int s, int e)
    {
        if (s > 0 && (char.IsLetterOrDigit(text[s - 1]) || text[s - 1] is '.' or '_' or '-'))
        {
            return false;
        }

        if (e < text.Length && (char.IsLetterOrDigit(text[e]) || text[e] is '_'
            || (text[e] is '.' or '-' && e + 1 < text.Length && char.IsAsciiDigit(text[e + 1]))))
        {
            return false;
        }

        var span = text.AsSpan(s, e - s);
        foreach (var range in span.Split('.'))
        {
            var part = span[range];
            if ((part.Length > 1 && part[0] == '0') || int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        // "version 1.2.3.4", "Version: 1.2.3.4", "build 10.0.19041.1": the word before decides.
        var from = Scan.WindowStart(text, s, 16);
        var before = text.AsSpan(from, s - from).TrimEnd(" \t:=#(".AsSpan());
        var w = before.Length;
        while (w > 0 && (char.IsLetter(before[w - 1]) || before[w - 1] == '.'))
        {
            w--;
        }

        var word = before[w..].TrimEnd('.');
        return !(word.Equals("version", StringComparison.OrdinalIgnoreCase) || word.Equals("ver", StringComparison.OrdinalIgnoreCase)
            || word.Equals("v", StringComparison.OrdinalIgnoreCase) || word.Equals("release", StringComparison.OrdinalIgnoreCase)
            || word.Equals("build", StringComparison.OrdinalIgnoreCase) || word.Equals("rev", StringComparison.OrdinalIgnoreCase)
            || word.Equals("versión", StringComparison.OrdinalIgnoreCase) || word.Equals("versão", StringComparison.OrdinalIgnoreCase)
            || word.Equals("oid", StringComparison.OrdinalIgnoreCase));
    }

    private static (int Start, int End) TrimV6(string text, int s, int e)
    {
        while (e > s && text[e - 1] == '.')
        {
            e--;
        }

        // A trailing ":port" after a bracketed address or a single trailing ':' is punctuation.
        while (e > s && text[e - 1] == ':' && !(e - 2 >= s && text[e - 2] == ':'))
        {
            e--;
        }

        return (s, e);
    }

    private static bool IsV6(string text, int s, int e)
    {
        if ((s > 0 && (Scan.IsWordChar(text[s - 1]) || text[s - 1] == ':')) || (e < text.Length && Scan.IsWordChar(text[e])))
        {
            return false;
        }

        var span = text.AsSpan(s, e - s);
        var colons = span.Count(':');
        var hasDigit = span.IndexOfAnyInRange('0', '9') >= 0;
        if (!hasDigit || (colons < 7 && !span.Contains("::", StringComparison.Ordinal)) || span.Length < 3)
        {
            return false;
        }

        return IPAddress.TryParse(span, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }
}

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Checksums and number-plan rules used to validate candidates.</summary>
internal static class Checksums
{
    /// <summary>Luhn over the digits of <paramref name="digits"/> (ASCII digits only).</summary>
    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var dbl = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (dbl)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            dbl = !dbl;
        }

        return sum % 10 == 0;
    }

    /// <summary>Known issuer ranges (IIN) and lengths of the card brands: Visa, Mastercard, Amex, Discover, JCB, Diners,
    /// UnionPay, Maestro.</summary>
    public static bool IsKnownCardIin(ReadOnlySpan<char> d)
    {
        var len = d.Length;
        return d[0] switch
        {
            '4' => len is 13 or 16 or 19,                                                  // Visa
            '5' => (Prefix(d, 2) is >= 51 and <= 55 && len == 16) || (Prefix(d, 2) is 50 or (>= 56 and <= 59) && len is >= 12 and <= 19), // MC, Maestro
            '2' => Prefix(d, 4) is >= 2221 and <= 2720 && len == 16,                               // Mastercard 2-series
            '3' => (Prefix(d, 2) is 34 or 37 && len == 15)                                         // Amex
                || (Prefix(d, 4) is >= 3528 and <= 3589 && len is >= 16 and <= 19)                 // JCB
                || ((Prefix(d, 3) is >= 300 and <= 305 || Prefix(d, 2) is 36 or 38 or 39) && len is >= 14 and <= 19), // Diners
            '6' => len is >= 12 and <= 19,                                                 // Discover 6011/644-649/65, UnionPay 62, Maestro 6x
            _ => false,
        };
    }

    private static int Prefix(ReadOnlySpan<char> d, int n) => int.Parse(d[..n], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>ISO 13616 mod-97 over an IBAN without spaces (upper-case letters and digits).</summary>
    public static bool IbanMod97(ReadOnlySpan<char> iban)
    {
        var rem = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                rem = ((rem * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                rem = ((rem * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return rem == 1;
    }

    /// <summary>US SSN rules: area not 000, 666 or 900-999; group not 00; serial not 0000.</summary>
    public static bool IsValidSsn(int area, int group, int serial) =>
        area is > 0 and < 900 and not 666 && group > 0 && serial > 0;

    /// <summary>ISBN-10 check digit (digits only, so a check character 'X' is not accepted): sum of digit × (10 − position) ≡ 0 mod 11.</summary>
    public static bool Isbn10(ReadOnlySpan<char> d)
    {
        if (d.Length != 10)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += (d[i] - '0') * (10 - i);
        }

        return sum % 11 == 0;
    }

    /// <summary>ISBN-13 check digit (digits only).</summary>
    public static bool Isbn13(ReadOnlySpan<char> d)
    {
        if (d.Length != 13)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 13; i++)
        {
            sum += (d[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return sum % 10 == 0;
    }
}

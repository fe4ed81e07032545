using System.Security.Cryptography;
using System.Text;

namespace Workbench.Core.Tokens;

/// <summary>
/// The text of a personal API token: <c>pwb_</c> followed by 32 random bytes in base64url (43 characters). The prefix
/// makes a token recognisable to the redactor, secret scanners and people; only its SHA-256 hash is ever stored.
/// </summary>
public static class ApiTokenText
{
    public const string Prefix = "pwb_";

    /// <summary>Random bytes in a token (256 bits).</summary>
    public const int RandomBytes = 32;

    /// <summary>Length of a token: the prefix plus 43 base64url characters.</summary>
    public const int Length = 47;

    /// <summary>Characters of the token kept as a hint in lists (prefix and six more).</summary>
    public const int HintLength = 10;

    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Base64Url(bytes);
    }

    /// <summary>Lower-case hex SHA-256 of the whole token text (64 characters).</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>The start of the token and an ellipsis: enough to tell tokens apart, useless to an attacker.</summary>
    public static string Hint(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token[..Math.Min(HintLength, token.Length)] + "…";
    }

    /// <summary>True when <paramref name="text"/> has a token's shape (prefix, length, alphabet). Says nothing about validity.</summary>
    public static bool HasTokenShape(string? text)
    {
        if (text is null || text.Length != Length || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

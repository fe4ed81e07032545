using System.Security.Cryptography;

namespace Workbench.Core.DataProtection;

/// <summary>
/// The 256-bit key that encrypts the data-protection key ring at rest (ADR-023). It comes from
/// <see cref="Variable"/> (base64 of 32 random bytes) or, on SQLite only, from a generated file in the data directory.
/// <see cref="ToString"/> never shows it.
/// </summary>
public sealed class KeyRingEncryptionKey
{
    /// <summary>The environment variable holding the key: base64 of 32 random bytes (a secret).</summary>
    public const string Variable = "WORKBENCH_DATA_PROTECTION_KEY";

    /// <summary>The file that holds the generated key on SQLite when <see cref="Variable"/> is unset.</summary>
    public const string KeyFileName = "data-protection.key";

    /// <summary>Length of the key in bytes (AES-256).</summary>
    public const int KeyBytes = 32;

    private readonly byte[] _key;

    internal KeyRingEncryptionKey(byte[] key, string source)
    {
        _key = key;
        Source = source;
    }

    /// <summary>Where the key came from (the variable's name or the file's path): safe to log.</summary>
    public string Source { get; }

    internal ReadOnlySpan<byte> Bytes => _key;

    /// <summary>Parses base64 of exactly 32 bytes; null when <paramref name="text"/> is not that (the text is never quoted).</summary>
    public static byte[]? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) && written == KeyBytes ? buffer[..KeyBytes] : null;
    }

    /// <summary>A new random key as base64 (what to put in <see cref="Variable"/>).</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The source only: the key stays hidden.</summary>
    public override string ToString() => $"key ring encryption key from {Source} (hidden)";
}

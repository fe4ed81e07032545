using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Workbench.Core.DataProtection;

/// <summary>
/// Encrypts the secret part of each data-protection key (its master key) with AES-256-GCM under the
/// <see cref="KeyRingEncryptionKey"/> before the key is stored (ADR-023), so the rows in the database are useless without
/// the key from the environment. Output: <c>&lt;encryptedKey format="aes-256-gcm-v1"&gt;base64(nonce | ciphertext | tag)&lt;/encryptedKey&gt;</c>.
/// </summary>
public sealed class AesGcmXmlEncryptor(KeyRingEncryptionKey key) : IXmlEncryptor
{
    /// <summary>The element that carries the ciphertext.</summary>
    public const string ElementName = "encryptedKey";

    /// <summary>The value of the element's <c>format</c> attribute.</summary>
    public const string Format = "aes-256-gcm-v1";

    internal const int NonceBytes = 12;
    internal const int TagBytes = 16;

    /// <summary>Binds every ciphertext to this use, so it cannot be replayed as anything else encrypted under the same key.</summary>
    internal static ReadOnlySpan<byte> AssociatedData => "PromptWorkbench data-protection key ring v1"u8;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        try
        {
            using var aes = new AesGcm(key.Bytes, TagBytes);
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes, plaintext.Length), sealedBytes.AsSpan(NonceBytes + plaintext.Length), AssociatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var element = new XElement(ElementName, new XAttribute("format", Format), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Workbench.Core.DataProtection;

/// <summary>
/// Reverses <see cref="AesGcmXmlEncryptor"/>. Data protection creates it by the type name stored with each key, passing
/// the app's service provider, where it finds the <see cref="KeyRingEncryptionKey"/>. A wrong key fails the GCM tag
/// check with a <see cref="CryptographicException"/>; <see cref="KeyRingCheck"/> turns that into a start-up message.
/// </summary>
public sealed class AesGcmXmlDecryptor : IXmlDecryptor
{
    private readonly KeyRingEncryptionKey _key;

    /// <summary>Used by data protection's activator.</summary>
    public AesGcmXmlDecryptor(IServiceProvider services)
        : this(services.GetRequiredService<KeyRingEncryptionKey>())
    {
    }

    public AesGcmXmlDecryptor(KeyRingEncryptionKey key) => _key = key;

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != AesGcmXmlEncryptor.ElementName || (string?)encryptedElement.Attribute("format") != AesGcmXmlEncryptor.Format)
        {
            throw new CryptographicException($"Not a '{AesGcmXmlEncryptor.Format}' encrypted key element.");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("The encrypted key element is not base64.", ex);
        }

        var length = sealedBytes.Length - AesGcmXmlEncryptor.NonceBytes - AesGcmXmlEncryptor.TagBytes;
        if (length < 0)
        {
            throw new CryptographicException("The encrypted key element is too short.");
        }

        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(_key.Bytes, AesGcmXmlEncryptor.TagBytes);
            aes.Decrypt(
                sealedBytes.AsSpan(0, AesGcmXmlEncryptor.NonceBytes),
                sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceBytes, length),
                sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceBytes + length),
                plaintext,
                AesGcmXmlEncryptor.AssociatedData);
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

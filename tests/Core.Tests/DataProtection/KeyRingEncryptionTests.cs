using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workbench.Core.DataProtection;
using Workbench.Core.Persistence;
using Workbench.Testing;

namespace Workbench.Core.Tests.DataProtection;

/// <summary>The key ring's encryption at rest (ADR-023): AES-256-GCM under a key from the environment or the key file.</summary>
public class KeyRingEncryptionTests
{
    private static readonly XElement Secret = XElement.Parse(
        "<descriptor><encryption algorithm=\"AES_256_CBC\" /><masterKey requiresEncryption=\"true\"><value>c2VjcmV0LW1hc3Rlci1rZXktbWF0ZXJpYWw=</value></masterKey></descriptor>");

    /// <summary>Data protection writes <c>encryptedSecret</c> in this namespace.</summary>
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";

    private static KeyRingEncryptionKey NewKey(string source = "test") => new(RandomNumberGenerator.GetBytes(32), source);

    [Fact]
    public void Encrypt_ThenDecryptWithTheSameKey_ReturnsTheElement()
    {
        var key = NewKey();

        var encrypted = new AesGcmXmlEncryptor(key).Encrypt(Secret);
        var decrypted = new AesGcmXmlDecryptor(key).Decrypt(encrypted.EncryptedElement);

        Assert.Equal(typeof(AesGcmXmlDecryptor), encrypted.DecryptorType);
        Assert.True(XNode.DeepEquals(Secret, decrypted));
    }

    [Fact]
    public void Encrypt_Output_HoldsNoneOfThePlaintext()
    {
        var encrypted = new AesGcmXmlEncryptor(NewKey()).Encrypt(Secret).EncryptedElement.ToString();

        Assert.DoesNotContain("masterKey", encrypted, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LW1hc3Rlci1rZXktbWF0ZXJpYWw=", encrypted, StringComparison.Ordinal);
        Assert.Contains(AesGcmXmlEncryptor.Format, encrypted, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_SameElementTwice_DifferentCiphertexts()
    {
        var encryptor = new AesGcmXmlEncryptor(NewKey());

        Assert.NotEqual(encryptor.Encrypt(Secret).EncryptedElement.Value, encryptor.Encrypt(Secret).EncryptedElement.Value);
    }

    [Fact]
    public void Decrypt_WithAnotherKey_ThrowsCryptographicException()
    {
        var encrypted = new AesGcmXmlEncryptor(NewKey()).Encrypt(Secret).EncryptedElement;

        Assert.ThrowsAny<CryptographicException>(() => new AesGcmXmlDecryptor(NewKey()).Decrypt(encrypted));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("not-base64")]
    [InlineData("format")]
    public void Decrypt_TamperedElement_ThrowsCryptographicException(string tampering)
    {
        var key = NewKey();
        var encrypted = new AesGcmXmlEncryptor(key).Encrypt(Secret).EncryptedElement;
        var bytes = Convert.FromBase64String(encrypted.Value);
        switch (tampering)
        {
            case "flip":
                bytes[20] ^= 1;
                encrypted.Value = Convert.ToBase64String(bytes);
                break;
            case "truncate":
                encrypted.Value = Convert.ToBase64String(bytes[..20]);
                break;
            case "not-base64":
                encrypted.Value = "%%%";
                break;
            default:
                encrypted.SetAttributeValue("format", "other");
                break;
        }

        Assert.ThrowsAny<CryptographicException>(() => new AesGcmXmlDecryptor(key).Decrypt(encrypted));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("not base64 at all", false)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", false)] // 16 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", false)] // 64 bytes
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", true)]
    [InlineData("  AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", true)]
    public void Parse_Text_AcceptsOnlyBase64Of32Bytes(string text, bool valid)
    {
        var key = KeyRingEncryptionKey.Parse(text);

        Assert.Equal(valid, key is not null);
        if (valid)
        {
            Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i), key!);
        }
    }

    [Fact]
    public void Generate_Twice_TwoValidDifferentKeys()
    {
        var first = KeyRingEncryptionKey.Generate();
        var second = KeyRingEncryptionKey.Generate();

        Assert.NotNull(KeyRingEncryptionKey.Parse(first));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Check_StoredKeys_CountsDecryptedUndecryptableAndUnencrypted()
    {
        var key = NewKey();
        string Row(KeyRingEncryptionKey k) => new XElement("key", new XElement("descriptor",
            new XElement(DataProtectionNamespace + "encryptedSecret", new XAttribute("decryptorType", typeof(AesGcmXmlDecryptor).AssemblyQualifiedName!),
                new AesGcmXmlEncryptor(k).Encrypt(Secret).EncryptedElement))).ToString();

        var result = KeyRingCheck.Check([Row(key), Row(key), Row(NewKey()), new XElement("key", Secret).ToString(), "<broken"], key);

        Assert.Equal(new KeyRingCheckResult(2, 2, 1), result);
    }

    [Fact]
    public void ToString_Key_NeverShowsTheKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        var text = new KeyRingEncryptionKey(bytes, "WORKBENCH_DATA_PROTECTION_KEY").ToString();

        Assert.DoesNotContain(Convert.ToBase64String(bytes), text, StringComparison.Ordinal);
        Assert.Contains("hidden", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SqliteWithoutVariable_CreatesAnOwnerOnlyKeyFileAndReusesIt()
    {
        var data = new TemporaryDataDirectory("workbench-core-tests");
        try
        {
            var settings = DatabaseSettings.Sqlite(data.Path);
            var first = KeyRingEncryptionKeyLoader.Load(Configuration(), settings, new DataDirectory(data.Path), NullLogger.Instance);
            var second = KeyRingEncryptionKeyLoader.Load(Configuration(), settings, new DataDirectory(data.Path), NullLogger.Instance);

            var file = Path.Combine(data.Path, KeyRingEncryptionKey.KeyFileName);
            Assert.Equal(file, first.Source);
            Assert.True(first.Bytes.SequenceEqual(second.Bytes));
            Assert.True(first.Bytes.SequenceEqual(KeyRingEncryptionKey.Parse(File.ReadAllText(file))!));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
        finally
        {
            data.Delete();
        }
    }

    [Fact]
    public void Load_VariableSet_WinsOverTheFileAndCreatesNone()
    {
        var data = new TemporaryDataDirectory("workbench-core-tests");
        try
        {
            var text = KeyRingEncryptionKey.Generate();

            var key = KeyRingEncryptionKeyLoader.Load(Configuration(text), DatabaseSettings.Sqlite(data.Path), new DataDirectory(data.Path), NullLogger.Instance);

            Assert.Equal(KeyRingEncryptionKey.Variable, key.Source);
            Assert.True(key.Bytes.SequenceEqual(KeyRingEncryptionKey.Parse(text)!));
            Assert.False(File.Exists(Path.Combine(data.Path, KeyRingEncryptionKey.KeyFileName)));
        }
        finally
        {
            data.Delete();
        }
    }

    [Fact]
    public void Load_MalformedKeyFile_FailsNamingTheFileAndTheVariable()
    {
        var data = new TemporaryDataDirectory("workbench-core-tests");
        try
        {
            Directory.CreateDirectory(data.Path);
            File.WriteAllText(Path.Combine(data.Path, KeyRingEncryptionKey.KeyFileName), "short");

            var error = Assert.Throws<OptionsValidationException>(() =>
                KeyRingEncryptionKeyLoader.Load(Configuration(), DatabaseSettings.Sqlite(data.Path), new DataDirectory(data.Path), NullLogger.Instance));

            Assert.Contains(KeyRingEncryptionKey.KeyFileName, error.Message, StringComparison.Ordinal);
            Assert.Contains(KeyRingEncryptionKey.Variable, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete();
        }
    }

    [Fact]
    public void Load_PostgreSqlWithoutVariable_FailsNamingTheVariable()
    {
        var error = Assert.Throws<OptionsValidationException>(() => KeyRingEncryptionKeyLoader.Load(
            Configuration(), DatabaseSettings.PostgreSql("Host=127.0.0.1;Database=x"), new DataDirectory(Path.GetTempPath()), NullLogger.Instance));

        Assert.Contains(KeyRingEncryptionKey.Variable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite", null, true)]
    [InlineData("sqlite", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", true)]
    [InlineData("sqlite", "c2hvcnQ=", false)]
    [InlineData("postgresql", null, false)]
    [InlineData("postgresql", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", true)]
    [InlineData("postgresql", "not-a-key", false)]
    public void Validator_ProviderAndVariable_RequiredOnPostgreSqlAndWellFormedWhenSet(string provider, string? value, bool valid)
    {
        var options = new Configuration.WorkbenchOptions();
        options.Database.Provider = provider;

        var result = new DataProtectionKeyValidator(Configuration(value)).Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains(KeyRingEncryptionKey.Variable, result.FailureMessage, StringComparison.Ordinal);
            Assert.DoesNotContain(value ?? "\0", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private static IConfiguration Configuration(string? key = null) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [KeyRingEncryptionKey.Variable] = key })
        .Build();
}

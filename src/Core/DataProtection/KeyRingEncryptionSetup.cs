using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Workbench.Core.DataProtection;

/// <summary>Makes data protection encrypt every new key with <see cref="AesGcmXmlEncryptor"/> before it is stored.</summary>
internal sealed class KeyRingEncryptionSetup(KeyRingEncryptionKey key) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options) => options.XmlEncryptor = new AesGcmXmlEncryptor(key);
}

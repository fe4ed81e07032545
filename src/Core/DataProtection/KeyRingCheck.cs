using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;

namespace Workbench.Core.DataProtection;

/// <summary>
/// At start-up, after the migrations, decrypts every stored data-protection key with this node's
/// <see cref="KeyRingEncryptionKey"/>. Data protection itself would only log a key it cannot decrypt, ignore it and
/// create a new one, which splits the nodes (each one's cookies and sealed work unreadable to the others); a wrong key
/// therefore stops start-up with a message naming the variable (never the key), before anything is served or written.
/// </summary>
internal sealed partial class KeyRingCheck(
    IDbContextFactory<WorkbenchDbContext> dbFactory,
    KeyRingEncryptionKey key,
    ILogger<KeyRingCheck> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken);
        var result = Check(rows, key);
        if (result.Unencrypted > 0)
        {
            LogUnencryptedKeys(logger, result.Unencrypted);
        }

        if (result.Undecryptable > 0)
        {
            throw new OptionsValidationException(KeyRingEncryptionKey.Variable, typeof(WorkbenchOptions), [WrongKeyMessage(result, key)]);
        }

        LogKeyRingReady(logger, result.Decrypted, key.Source);
    }

    /// <summary>Counts the stored keys this key decrypts, those it cannot, and those stored without encryption.</summary>
    internal static KeyRingCheckResult Check(IEnumerable<string?> rows, KeyRingEncryptionKey key)
    {
        var decryptor = new AesGcmXmlDecryptor(key);
        int decrypted = 0, undecryptable = 0, unencrypted = 0;
        foreach (var row in rows)
        {
            XElement element;
            try
            {
                element = XElement.Parse(row ?? "");
            }
            catch (XmlException)
            {
                undecryptable++;
                continue;
            }

            // Data protection writes these elements in its own XML namespace: match by local name.
            var secrets = element.Descendants().Where(e => e.Name.LocalName == "encryptedSecret").ToList();
            if (secrets.Count == 0)
            {
                unencrypted += element.Descendants().Any(e => e.Name.LocalName == "masterKey") ? 1 : 0;
                continue;
            }

            foreach (var secret in secrets)
            {
                try
                {
                    _ = decryptor.Decrypt(secret.Elements().Single());
                    decrypted++;
                }
                catch (Exception ex) when (ex is CryptographicException or InvalidOperationException or XmlException)
                {
                    undecryptable++;
                }
            }
        }

        return new KeyRingCheckResult(decrypted, undecryptable, unencrypted);
    }

    private static string WrongKeyMessage(KeyRingCheckResult result, KeyRingEncryptionKey key) =>
        $"{result.Undecryptable} of {result.Decrypted + result.Undecryptable} data-protection key(s) in the database cannot be " +
        $"decrypted with the key from {key.Source}: it is not the key they were written with. Set {KeyRingEncryptionKey.Variable} " +
        $"to the key the other nodes use (on SQLite: restore {KeyRingEncryptionKey.KeyFileName} in the data directory from the " +
        "backup that belongs to this database). Only to start over with new keys, which signs everyone out and makes sealed " +
        "queued work unreadable: delete the rows of the DataProtectionKeys table.";

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} data-protection key(s) in the database are stored unencrypted (written without a key ring encryption key); new keys are encrypted.")]
    private static partial void LogUnencryptedKeys(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data-protection key ring: {Count} stored key(s), encrypted with the key from {Source}")]
    private static partial void LogKeyRingReady(ILogger logger, int count, string source);
}

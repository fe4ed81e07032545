using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;

namespace Workbench.Core.DataProtection;

/// <summary>
/// Finds the key ring encryption key (ADR-023): <see cref="KeyRingEncryptionKey.Variable"/> when set; otherwise, on
/// SQLite only, the file <see cref="KeyRingEncryptionKey.KeyFileName"/> in the data directory, created with a new random
/// key (owner read/write only) on first start. PostgreSQL without the variable is refused by
/// <see cref="DataProtectionKeyValidator"/> before this runs. Problems stop start-up naming the variable or the file,
/// never the key.
/// </summary>
internal static partial class KeyRingEncryptionKeyLoader
{
    public static KeyRingEncryptionKey Load(IConfiguration configuration, DatabaseSettings database, DataDirectory dataDirectory, ILogger logger)
    {
        var text = configuration[KeyRingEncryptionKey.Variable];
        if (!string.IsNullOrWhiteSpace(text))
        {
            var key = KeyRingEncryptionKey.Parse(text) ?? throw Fail(DataProtectionKeyValidator.MalformedMessage);
            return new KeyRingEncryptionKey(key, KeyRingEncryptionKey.Variable);
        }

        if (!database.IsSqlite)
        {
            throw Fail(DataProtectionKeyValidator.RequiredMessage);
        }

        var path = Path.Combine(dataDirectory.Path, KeyRingEncryptionKey.KeyFileName);
        if (File.Exists(path))
        {
            var key = KeyRingEncryptionKey.Parse(File.ReadAllText(path)) ?? throw Fail(
                $"The data-protection key file {path} does not hold base64 of {KeyRingEncryptionKey.KeyBytes} bytes. Restore it " +
                $"from a backup, or set {KeyRingEncryptionKey.Variable}.");
            return new KeyRingEncryptionKey(key, path);
        }

        Directory.CreateDirectory(dataDirectory.Path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var generated = KeyRingEncryptionKey.Generate();
        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(generated);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process in the same data directory created it first: use that one.
            return Load(configuration, database, dataDirectory, logger);
        }

        LogKeyFileCreated(logger, path, KeyRingEncryptionKey.Variable);
        return new KeyRingEncryptionKey(KeyRingEncryptionKey.Parse(generated)!, path);
    }

    private static OptionsValidationException Fail(string message) =>
        new(KeyRingEncryptionKey.Variable, typeof(WorkbenchOptions), [message]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the data-protection key file {Path} (owner read/write only): it encrypts the key ring in the database. Back it up with the database, or set {Variable} instead.")]
    private static partial void LogKeyFileCreated(ILogger logger, string path, string variable);
}

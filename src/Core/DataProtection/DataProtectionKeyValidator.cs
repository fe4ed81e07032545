using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;

namespace Workbench.Core.DataProtection;

/// <summary>
/// <see cref="KeyRingEncryptionKey.Variable"/>, when set, must be base64 of 32 bytes; with PostgreSQL it must be set (all
/// nodes share the key ring, so they must share its key: ADR-023). Messages name the variable, never its value.
/// </summary>
public sealed class DataProtectionKeyValidator(IConfiguration configuration) : IValidateOptions<WorkbenchOptions>
{
    internal static readonly string MalformedMessage =
        $"{KeyRingEncryptionKey.Variable} must be base64 of {KeyRingEncryptionKey.KeyBytes} random bytes " +
        "(for example the output of: openssl rand -base64 32).";

    internal static readonly string RequiredMessage =
        $"{DatabaseSettings.ProviderKey} is '{DatabaseProviderNames.PostgreSql}', so the environment variable " +
        $"{KeyRingEncryptionKey.Variable} must hold the key that encrypts the shared data-protection keys: base64 of " +
        $"{KeyRingEncryptionKey.KeyBytes} random bytes (openssl rand -base64 32), the same on every node.";

    public ValidateOptionsResult Validate(string? name, WorkbenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = configuration[KeyRingEncryptionKey.Variable];
        if (!string.IsNullOrWhiteSpace(text))
        {
            return KeyRingEncryptionKey.Parse(text) is null ? ValidateOptionsResult.Fail(MalformedMessage) : ValidateOptionsResult.Success;
        }

        return DatabaseProviderNames.Parse(options.Database.Provider) == DatabaseProvider.PostgreSql
            ? ValidateOptionsResult.Fail(RequiredMessage)
            : ValidateOptionsResult.Success;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using Workbench.Core.Persistence;

namespace Workbench.Core.Configuration;

/// <summary>
/// <c>Workbench:Database:Provider</c> must name a known engine, and PostgreSQL needs a well-formed connection string in
/// <c>WORKBENCH_DATABASE_CONNECTION</c>. Messages name the key; they never repeat the connection string (a secret).
/// </summary>
public sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<WorkbenchOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkbenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = DatabaseProviderNames.Parse(options.Database.Provider);
        if (provider is null)
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseSettings.ProviderKey} must be '{DatabaseProviderNames.Sqlite}' or '{DatabaseProviderNames.PostgreSql}'.");
        }

        if (provider != DatabaseProvider.PostgreSql)
        {
            return ValidateOptionsResult.Success;
        }

        var problem = CheckConnectionString(configuration[DatabaseSettings.ConnectionVariable]);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    /// <summary>Why <paramref name="connectionString"/> cannot be used, or null; never quotes the string itself.</summary>
    public static string? CheckConnectionString(string? connectionString)
    {
        var key = DatabaseSettings.ConnectionVariable;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"{DatabaseSettings.ProviderKey} is '{DatabaseProviderNames.PostgreSql}', so the environment variable {key} " +
                "must hold the PostgreSQL connection string (for example Host=...;Database=...;Username=...;Password=...).";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                return $"The connection string in {key} names no Host.";
            }

            return null;
        }
        catch (ArgumentException)
        {
            // The exception text can quote the string (and so the password): say only where to look.
            return $"The connection string in {key} is not a valid PostgreSQL connection string (a keyword is unknown or a value malformed).";
        }
        catch (FormatException)
        {
            return $"The connection string in {key} is not a valid PostgreSQL connection string (a value is malformed).";
        }
    }
}

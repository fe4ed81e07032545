using Microsoft.Extensions.Configuration;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Persistence;

public class DatabaseOptionsValidatorTests
{
    private const string Password = "not-a-real-password-7f3a";

    [Fact]
    public void Validate_DefaultOptions_SqliteSucceeds()
    {
        var result = Validator(null).Validate(null, new WorkbenchOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_UnknownProvider_FailsNamingTheKey()
    {
        var result = Validator(null).Validate(null, Options("mysql"));

        Assert.True(result.Failed);
        Assert.Contains("Workbench:Database:Provider", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithoutConnection_FailsNamingTheVariable()
    {
        var result = Validator(null).Validate(null, Options("postgresql"));

        Assert.True(result.Failed);
        Assert.Contains(DatabaseSettings.ConnectionVariable, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithMalformedConnection_FailsWithoutEchoingIt()
    {
        var result = Validator($"Hots=db;Password={Password}").Validate(null, Options("PostgreSQL"));

        Assert.True(result.Failed);
        Assert.Contains(DatabaseSettings.ConnectionVariable, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithConnection_Succeeds()
    {
        var result = Validator($"Host=127.0.0.1;Database=workbench;Username=workbench;Password={Password}").Validate(null, Options("postgresql"));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void DatabaseSettings_ToString_HidesTheConnectionString()
    {
        var settings = DatabaseSettings.PostgreSql($"Host=127.0.0.1;Password={Password}");

        Assert.DoesNotContain(Password, settings.ToString(), StringComparison.Ordinal);
        Assert.Equal(DatabaseProvider.PostgreSql, settings.Provider);
    }

    private static WorkbenchOptions Options(string provider) => new() { Database = new DatabaseOptions { Provider = provider } };

    private static DatabaseOptionsValidator Validator(string? connection) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseSettings.ConnectionVariable] = connection }).Build());
}

namespace Workbench.Core.Persistence;

/// <summary>
/// The database the app stores everything in: the engine and its connection string. The connection string of a
/// PostgreSQL server is a secret (it carries the password): it is read only from the environment
/// (<see cref="ConnectionVariable"/>), and <see cref="ToString"/> never shows it, so it cannot reach a log or a message.
/// </summary>
public sealed class DatabaseSettings
{
    /// <summary>The environment variable holding the PostgreSQL connection string.</summary>
    public const string ConnectionVariable = "WORKBENCH_DATABASE_CONNECTION";

    /// <summary>The configuration key choosing the engine.</summary>
    public const string ProviderKey = "Workbench:Database:Provider";

    /// <summary>The assembly holding the PostgreSQL migrations (the SQLite ones live in Workbench.Core).</summary>
    public const string PostgreSqlMigrationsAssembly = "Workbench.Core.PostgreSql";

    private DatabaseSettings(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The connection string: pass it to the provider, never to a log, a message or a page.</summary>
    public string ConnectionString { get; }

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>The SQLite file in <paramref name="dataDirectory"/>.</summary>
    public static DatabaseSettings Sqlite(string dataDirectory) =>
        new(DatabaseProvider.Sqlite, DatabasePaths.ConnectionString(dataDirectory));

    /// <summary>A PostgreSQL database.</summary>
    public static DatabaseSettings PostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new(DatabaseProvider.PostgreSql, connectionString);
    }

    /// <summary>The engine only: the connection string stays hidden.</summary>
    public override string ToString() => $"{Provider} (connection string hidden)";
}

namespace Workbench.Core.Configuration;

/// <summary>
/// The <c>Workbench:Database</c> section: which database engine stores everything (ADR-020). The PostgreSQL connection
/// string is a secret and is never part of this section: it comes from the <c>WORKBENCH_DATABASE_CONNECTION</c>
/// environment variable (<see cref="Persistence.DatabaseSettings.ConnectionVariable"/>).
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary><c>sqlite</c> (default: one file in the data directory, nothing to set up) or <c>postgresql</c>.</summary>
    public string Provider { get; set; } = Persistence.DatabaseProviderNames.Sqlite;
}

namespace Workbench.Core.Persistence;

/// <summary>The database engines the app can store its data in (ADR-020).</summary>
public enum DatabaseProvider
{
    /// <summary>One SQLite file in the data directory: the zero-setup default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by one or more app nodes.</summary>
    PostgreSql,
}

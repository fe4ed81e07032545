namespace Workbench.Core.Persistence;

/// <summary>The values of <c>Workbench:Database:Provider</c>.</summary>
public static class DatabaseProviderNames
{
    public const string Sqlite = "sqlite";

    public const string PostgreSql = "postgresql";

    /// <summary>The provider named by <paramref name="name"/> (case-insensitive), or null for an unknown name.</summary>
    public static DatabaseProvider? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        Sqlite => DatabaseProvider.Sqlite,
        PostgreSql or "postgres" => DatabaseProvider.PostgreSql,
        _ => null,
    };
}

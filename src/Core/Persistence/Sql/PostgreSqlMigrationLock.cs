namespace Workbench.Core.Persistence.Sql;

/// <summary>
/// The session-level advisory lock that serializes start-up migrations of several nodes on one PostgreSQL database
/// (ADR-023). The key is a fixed 64-bit number chosen for this app ("PWB" + "MIGR" in ASCII); advisory locks are per
/// database, so other databases on the same server are unaffected.
/// </summary>
public static class PostgreSqlMigrationLock
{
    /// <summary>The advisory lock key.</summary>
    public const long Key = 0x5057424D494752;

    /// <summary>Waits until this session holds the lock.</summary>
    public static readonly string Acquire = $"SELECT pg_advisory_lock({Key});";

    /// <summary>Releases it (also released when the session ends, e.g. a node dies while migrating).</summary>
    public static readonly string Release = $"SELECT pg_advisory_unlock({Key});";
}

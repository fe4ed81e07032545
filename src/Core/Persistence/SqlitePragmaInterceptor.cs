using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workbench.Core.Persistence;

/// <summary>
/// Sets per-connection SQLite pragmas each time a connection opens (they are not stored in the file).
/// <c>synchronous=NORMAL</c> in WAL mode syncs the log at checkpoints instead of at every commit: the database cannot
/// be corrupted by a crash or power loss, a process kill loses nothing (the OS has the log), and a power cut can lose
/// only the last commits. It turns a ~1 ms fsync per commit into none, which is most of a run's storage cost.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>
    /// How long SQLite itself waits for another connection's write lock (<c>busy_timeout</c>). Without it SQLite answers
    /// "busy" at once and Microsoft.Data.Sqlite sleeps 150 ms before each retry; SQLite's own wait retries after 1, 2, 5,
    /// 10 ms and so on. Microsoft.Data.Sqlite's retry (up to the 30 s command timeout) still applies after this.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private static readonly string Pragmas = FormattableString.Invariant($"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutMilliseconds};");

    /// <summary>Sets the pragmas on a connection the app opened itself (EF's connections get them from this interceptor).</summary>
    public static void Apply(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

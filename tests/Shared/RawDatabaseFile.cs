using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workbench.Core.Persistence;

namespace Workbench.Testing;

/// <summary>
/// Reads the raw bytes of a test database (file and WAL, after a checkpoint) as text, to prove what is not in it; on
/// PostgreSQL (ADR-020), every row of every table as text. Linked into the test projects.
/// </summary>
public static class RawDatabaseFile
{
    public static async Task<string> ReadAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory, DatabasePaths.DatabaseFileName);
        await using (var connection = new SqliteConnection(DatabasePaths.ConnectionString(dataDirectory)))
        {
            await connection.OpenAsync(cancellationToken);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var wal = File.Exists(path + "-wal") ? await File.ReadAllBytesAsync(path + "-wal", cancellationToken) : [];
        return Encoding.UTF8.GetString([.. bytes, .. wal]);
    }

    /// <summary>The raw content of the database in <paramref name="settings"/>: the SQLite files, or every PostgreSQL row.</summary>
    public static Task<string> ReadAsync(DatabaseSettings settings, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.IsSqlite ? ReadAsync(dataDirectory, cancellationToken) : ReadAllRowsAsync(settings.ConnectionString, cancellationToken);
    }

    /// <summary>Every row of every table in the <c>public</c> schema, as PostgreSQL's text form of the row.</summary>
    public static async Task<string> ReadAllRowsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM {table} AS t";
            text.Append(table).Append('\n').Append((string?)await rows.ExecuteScalarAsync(cancellationToken)).Append('\n');
        }

        return text.ToString();
    }
}

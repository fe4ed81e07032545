using System.Text;
using Microsoft.Data.Sqlite;
using Workbench.Core.Persistence;

namespace Workbench.Testing;

/// <summary>Reads the raw bytes of a test database (file and WAL, after a checkpoint) as text, to prove what is not in it. Linked into the test projects.</summary>
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
}

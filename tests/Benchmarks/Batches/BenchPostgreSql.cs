using Npgsql;
using Workbench.Benchmarks.History;

namespace Workbench.Benchmarks.Batches;

/// <summary>
/// The PostgreSQL server named by <see cref="RunHistoryPostgreSqlBenchmarks.ServerVariable"/> (when set, the batch
/// benchmark runs on PostgreSQL; the history benchmark needs it): creates fresh databases and drops them all at the end.
/// </summary>
internal sealed class BenchPostgreSql(string server)
{
    private readonly List<string> _databases = [];

    public static BenchPostgreSql? FromEnvironment() =>
        Environment.GetEnvironmentVariable(RunHistoryPostgreSqlBenchmarks.ServerVariable) is { Length: > 0 } server ? new BenchPostgreSql(server) : null;

    /// <summary>A new empty database; returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "wb_bench_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\"");
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public void DropDatabases()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _databases)
        {
            Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }

        _databases.Clear();
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

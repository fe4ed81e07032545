using System.Diagnostics;
using Workbench.Benchmarks.Batches;
using Workbench.Core.DataProtection;
using Workbench.Core.Persistence;
using Workbench.Core.Persistence.Copy;

namespace Workbench.Benchmarks.History;

/// <summary>
/// <see cref="RunHistoryBenchmarks"/> on PostgreSQL (issue 10): the same 100,000 seeded runs, moved with the
/// <c>copy-database</c> copier (its duration is printed) into a new database on the server named by
/// <see cref="ServerVariable"/>, then the same queries through the app's PostgreSQL search. The database is dropped at
/// the end. Without the variable the setup fails with a message saying how to start a throwaway server.
/// </summary>
public class RunHistoryPostgreSqlBenchmarks : RunHistoryBenchmarks
{
    /// <summary>A connection string to a PostgreSQL server on which the benchmark may create and drop a database.</summary>
    public const string ServerVariable = "WORKBENCH_BENCH_POSTGRES";

    private BenchPostgreSql? _server;

    protected override void MoveDatabase(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _server = BenchPostgreSql.FromEnvironment();
        if (_server is null)
        {
            throw new InvalidOperationException($"Set {ServerVariable} to a PostgreSQL server the benchmark may create a database on, e.g. " +
                "Host=127.0.0.1;Port=55432;Username=postgres (README, Benchmarks, shows a throwaway server with initdb and pg_ctl).");
        }

        var target = _server.CreateDatabase();
        var clock = Stopwatch.StartNew();
        var copied = DatabaseCopier.CopyAsync(Path.Combine(Directory, DatabasePaths.DatabaseFileName), DatabaseSettings.PostgreSql(target))
            .GetAwaiter().GetResult();
        if (!copied.Succeeded)
        {
            throw new InvalidOperationException(copied.Error);
        }

        Console.WriteLine($"// copy-database: {copied.Counts.Sum(c => c.Target)} rows into PostgreSQL in {clock.Elapsed.TotalSeconds:0.0} s");
        settings["Workbench:Database:Provider"] = "postgresql";
        settings[DatabaseSettings.ConnectionVariable] = target;
        settings[KeyRingEncryptionKey.Variable] = KeyRingEncryptionKey.Generate(); // required on PostgreSQL (ADR-023)
    }

    public override void Cleanup()
    {
        base.Cleanup();
        _server?.DropDatabases();
    }
}

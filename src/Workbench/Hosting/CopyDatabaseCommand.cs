using System.Diagnostics;
using System.Globalization;
using Workbench.Core.Configuration;
using Workbench.Core.DataProtection;
using Workbench.Core.Persistence;
using Workbench.Core.Persistence.Copy;

namespace Workbench.Hosting;

/// <summary>
/// <c>Workbench copy-database --from &lt;workbench.db&gt;</c>: copies a SQLite database into the empty PostgreSQL database
/// named by <c>WORKBENCH_DATABASE_CONNECTION</c> (ADR-024), printing progress and the counts table by table. The
/// connection string is a secret: it is never printed. Exit codes: 0 copied, 1 refused or failed, 2 bad arguments,
/// 130 interrupted (Ctrl+C).
/// </summary>
internal static class CopyDatabaseCommand
{
    public const string Name = "copy-database";

    public const int Interrupted = 130;

    private const string Usage = """
        Usage: Workbench copy-database --from <path to workbench.db>

        Copies a Prompt Workbench SQLite database into an empty PostgreSQL database. The target's connection string is read
        from the environment variable WORKBENCH_DATABASE_CONNECTION (it is never printed). Stop every app instance that uses
        either database first. The SQLite file is opened read-only and left as it is.
        """;

    public static bool Matches(IReadOnlyList<string> args) => args is [Name, ..];

    /// <summary>Runs the command in a console: configuration from appsettings.json and the environment, Ctrl+C cancels.</summary>
    public static async Task<int> RunInConsoleAsync(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(RootAppSettings.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the copy cleanly (rollback, message); a second one ends the process.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                Console.Error.WriteLine("Stopping the copy (Ctrl+C again ends the process at once)...");
                cancellation.Cancel();
            }
        };
        return await RunAsync(args, configuration, Console.Out, Console.Error, cancellation.Token);
    }

    /// <summary>Runs the command with <paramref name="configuration"/>; everything it says goes to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (ParseSource(args, out var problem) is not { } sourcePath)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return problem is null ? 0 : 2;
        }

        var connection = configuration[DatabaseSettings.ConnectionVariable];
        if (string.IsNullOrWhiteSpace(connection))
        {
            await error.WriteLineAsync($"Set the environment variable {DatabaseSettings.ConnectionVariable} to the connection string of the " +
                "empty PostgreSQL database to copy into (for example Host=...;Database=...;Username=...;Password=...).");
            return 1;
        }

        if (DatabaseOptionsValidator.CheckConnectionString(connection) is { } bad)
        {
            await error.WriteLineAsync(bad);
            return 1;
        }

        await output.WriteLineAsync($"Copying '{Path.GetFullPath(sourcePath)}' (SQLite, opened read-only) into the PostgreSQL database in " +
            $"{DatabaseSettings.ConnectionVariable} (connection string not shown).");
        var clock = Stopwatch.StartNew();
        DatabaseCopyResult result;
        try
        {
            result = await DatabaseCopier.CopyAsync(sourcePath, DatabaseSettings.PostgreSql(connection), new ConsoleProgress(output), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Interrupted while the PostgreSQL database was being prepared (migrations). It may be half set up: " +
                "drop and recreate it, then run the command again.");
            return Interrupted;
        }

        switch (result.Outcome)
        {
            case DatabaseCopyOutcome.Copied:
                await WriteCountsAsync(output, result.Counts);
                var rows = result.Counts.Sum(c => c.Target);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Copied {rows:N0} rows in {result.Counts.Count} tables in {clock.Elapsed.TotalSeconds:0.0} s; every count matches."));
                await output.WriteLineAsync($"Next: start the app with {DatabaseSettings.ProviderKey}=postgresql and the same " +
                    $"{DatabaseSettings.ConnectionVariable}.");
                // The copied key ring is encrypted with the SQLite app's key: the same key keeps everyone signed in, and
                // a different one stops the PostgreSQL node at start-up (KeyRingCheck).
                await output.WriteLineAsync($"Set {KeyRingEncryptionKey.Variable} to the key the SQLite app used: the content of " +
                    $"'{Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sourcePath))!, KeyRingEncryptionKey.KeyFileName)}', or the " +
                    $"{KeyRingEncryptionKey.Variable} it ran with.");
                return 0;
            case DatabaseCopyOutcome.Cancelled:
                await error.WriteLineAsync("Interrupted: the copy ran in one transaction, which was rolled back, so the PostgreSQL database has " +
                    "the Workbench tables but none of the copied rows. Run the command again. If it then says the database is not empty " +
                    "(the process ended during the final commit), the target is not usable: drop and recreate it, then retry.");
                return Interrupted;
            default:
                if (result.Counts.Count > 0)
                {
                    await WriteCountsAsync(error, result.Counts);
                }

                await error.WriteLineAsync(result.Error);
                return 1;
        }
    }

    private static string? ParseSource(IReadOnlyList<string> args, out string? problem)
    {
        problem = null;
        string? source = null;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                return null;
            }

            if (arg == "--from" && i + 1 < args.Count)
            {
                source = args[++i];
            }
            else if (arg.StartsWith("--from=", StringComparison.Ordinal))
            {
                source = arg["--from=".Length..];
            }
            else
            {
                problem = $"Unknown argument '{arg}'.";
                return null;
            }
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            problem = "Name the SQLite database to copy with --from <path to workbench.db>.";
            return null;
        }

        return source;
    }

    private static async Task WriteCountsAsync(TextWriter writer, IReadOnlyList<TableCount> counts)
    {
        var width = Math.Max(5, counts.Max(c => c.Table.Length));
        await writer.WriteLineAsync($"{"Table".PadRight(width)}  {"SQLite",12}  {"PostgreSQL",12}");
        foreach (var count in counts)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{count.Table.PadRight(width)}  {count.Source,12:N0}  {count.Target,12:N0}{(count.Matches ? "" : "  MISMATCH")}"));
        }
    }

    /// <summary>Writes each table when it is done, and large tables every <see cref="DatabaseCopier.ProgressInterval"/> rows.</summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<DatabaseCopyProgress>
    {
        public void Report(DatabaseCopyProgress value)
        {
            if (value.Copied == 0 && value.Total > 0)
            {
                return;
            }

            output.WriteLine(value.Copied == value.Total
                ? string.Create(CultureInfo.InvariantCulture, $"  {value.Table}: {value.Copied:N0} rows")
                : string.Create(CultureInfo.InvariantCulture, $"  {value.Table}: {value.Copied:N0} of {value.Total:N0} ({100.0 * value.Copied / value.Total:0} %)"));
        }
    }
}

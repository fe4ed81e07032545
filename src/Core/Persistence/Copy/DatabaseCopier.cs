using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Workbench.Core.Persistence.Copy;

/// <summary>
/// Copies a SQLite Workbench database into an empty PostgreSQL one (issue 10, ADR-024). The source is opened read-only
/// and read in one snapshot; the target gets the PostgreSQL migrations, must then hold no rows, and receives every table
/// of the <see cref="DatabaseCopyPlan"/> by binary COPY, streamed row by row (memory does not grow with the database), in
/// one transaction: a failure, a count mismatch or a cancellation rolls everything back. Rows keep their ids,
/// timestamps and concurrency stamps; identity sequences are moved past the copied ids; the run search vector is a
/// generated column, so PostgreSQL computes it for every copied run. Values travel through the model's type mappings
/// and value converters of each engine, unchanged: stored text was redacted when it was first saved (RedactionInterceptor),
/// and the copy neither redacts it again (which could change a stored run) nor restores anything.
/// </summary>
public static class DatabaseCopier
{
    /// <summary>Rows between two progress reports of one table.</summary>
    public const int ProgressInterval = 10_000;

    /// <summary>
    /// Copies the SQLite file at <paramref name="sqlitePath"/> into the PostgreSQL database of <paramref name="target"/>.
    /// Expected failures (bad source, unreachable or non-empty target, mismatching counts, cancellation) are returned,
    /// with messages that never contain the connection string.
    /// </summary>
    public static async Task<DatabaseCopyResult> CopyAsync(string sqlitePath, DatabaseSettings target,
        IProgress<DatabaseCopyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqlitePath);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Provider != DatabaseProvider.PostgreSql)
        {
            throw new ArgumentException("The target of a copy must be a PostgreSQL database.", nameof(target));
        }

        var path = Path.GetFullPath(sqlitePath);
        if (!File.Exists(path))
        {
            return DatabaseCopyResult.Refused($"The SQLite database '{path}' does not exist. Pass the {DatabasePaths.DatabaseFileName} file of the " +
                "old data directory (Workbench:DataDirectory) with --from.");
        }

        var sourceConnection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var source = new WorkbenchDbContext(new DbContextOptionsBuilder<WorkbenchDbContext>().UseSqlite(sourceConnection).Options);
        await using var targetDb = new WorkbenchDbContext(new DbContextOptionsBuilder<WorkbenchDbContext>().UseWorkbenchDatabase(target).Options);
        var plan = DatabaseCopyPlan.Create(ModelOf(source), ModelOf(targetDb));
        if (plan.Problems.Count > 0)
        {
            return DatabaseCopyResult.Refused("This version cannot copy every table: " + string.Join(" ", plan.Problems));
        }

        var sqlite = (SqliteConnection)source.Database.GetDbConnection();
        var sourceProblem = await OpenSourceAsync(source, sqlite, path, cancellationToken);
        if (sourceProblem is not null)
        {
            return DatabaseCopyResult.Refused(sourceProblem);
        }

        var targetProblem = await PrepareTargetAsync(targetDb, plan, cancellationToken);
        if (targetProblem is not null)
        {
            return DatabaseCopyResult.Refused(targetProblem);
        }

        // One read transaction: every table is read from the same snapshot even if the app still writes (WAL).
        await using var snapshot = sqlite.BeginTransaction(deferred: true);
        var sourceCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in plan.Tables)
        {
            sourceCounts[table.Name] = await CountAsync(sqlite, snapshot, table.Name, cancellationToken);
        }

        var postgres = (NpgsqlConnection)targetDb.Database.GetDbConnection();
        await postgres.OpenAsync(cancellationToken);
        await using var transaction = await postgres.BeginTransactionAsync(cancellationToken);
        var current = "";
        try
        {
            foreach (var table in plan.Tables)
            {
                current = table.Name;
                await CopyTableAsync(table, sqlite, snapshot, postgres, sourceCounts[table.Name], progress, cancellationToken);
                if (table.IdentityColumn is { } identity)
                {
                    await MoveSequenceAsync(postgres, table.Name, identity, cancellationToken);
                }
            }

            current = "";
            var counts = new List<TableCount>();
            foreach (var table in plan.Tables)
            {
                counts.Add(new TableCount(table.Name, sourceCounts[table.Name], await CountAsync(postgres, table.Name, cancellationToken)));
            }

            if (counts.Where(c => !c.Matches).ToList() is { Count: > 0 } wrong)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return new DatabaseCopyResult(DatabaseCopyOutcome.Failed,
                    "The row counts differ for " + string.Join(", ", wrong.Select(c => $"\"{c.Table}\" (SQLite {c.Source}, PostgreSQL {c.Target})")) +
                    ": nothing was committed.", counts);
            }

            // Past this point the copy is done: neither a late Ctrl+C nor the statistics step turns it into a failure.
            await transaction.CommitAsync(CancellationToken.None);
            await AnalyzeAsync(postgres);
            return new DatabaseCopyResult(DatabaseCopyOutcome.Copied, null, counts);
        }
        catch (OperationCanceledException)
        {
            return new DatabaseCopyResult(DatabaseCopyOutcome.Cancelled,
                "The copy was cancelled; its transaction was rolled back, so nothing was committed.", []);
        }
        catch (Exception ex) when (ex is DbException or InvalidCastException or FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            var where = current.Length > 0 ? $"Copying table \"{current}\" failed" : "The copy failed";
            return new DatabaseCopyResult(DatabaseCopyOutcome.Failed, $"{where}: {ex.Message} Nothing was committed.", []);
        }
    }

    /// <summary>The plan for the model of this version, without touching a database (for tests and documentation).</summary>
    public static DatabaseCopyPlan CreatePlan()
    {
        using var source = new WorkbenchDbContext(new DbContextOptionsBuilder<WorkbenchDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var target = new WorkbenchDbContext(new DbContextOptionsBuilder<WorkbenchDbContext>()
            .UseWorkbenchDatabase(DatabaseSettings.PostgreSql("Host=localhost;Database=workbench_copy_plan")).Options);
        return DatabaseCopyPlan.Create(ModelOf(source), ModelOf(target));
    }

    private static IModel ModelOf(DbContext context) => context.GetService<IDesignTimeModel>().Model;

    private static async Task<string?> OpenSourceAsync(WorkbenchDbContext source, SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
            if (await command.ExecuteScalarAsync(cancellationToken) is null)
            {
                return $"'{path}' is not a Prompt Workbench database: it has no migration history (__EFMigrationsHistory).";
            }

            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (SqliteException ex)
        {
            return $"'{path}' cannot be read as a SQLite database: {ex.Message}";
        }

        var known = source.Database.GetMigrations().ToList();
        if (applied.Except(known, StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
        {
            return applied.Intersect(known, StringComparer.Ordinal).Any()
                ? $"'{path}' was written by a newer version of Prompt Workbench (migration {unknown[^1]} is unknown here): copy it with that version."
                : $"'{path}' is not a Prompt Workbench database: its migrations ({unknown[0]}, ...) are not this app's.";
        }

        if (known.Except(applied, StringComparer.Ordinal).ToList() is { Count: > 0 } missing)
        {
            return $"'{path}' was written by an older version of Prompt Workbench ({missing.Count} migration(s) not applied, the first {missing[0]}). " +
                "Start this version once on it (Workbench:DataDirectory = its folder, SQLite) so it is upgraded, stop it, then copy.";
        }

        return null;
    }

    private static async Task<string?> PrepareTargetAsync(WorkbenchDbContext target, DatabaseCopyPlan plan, CancellationToken cancellationToken)
    {
        var variable = DatabaseSettings.ConnectionVariable;
        try
        {
            // An empty database gets this version's migrations; one the app already migrated is accepted as long as it
            // holds no rows (checked below); one migrated by another version is refused.
            var applied = (await target.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            var known = target.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            if (applied.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
            {
                return $"The PostgreSQL database in {variable} was migrated by another version of Prompt Workbench (migration {unknown} is " +
                    "unknown here): copy into a new, empty database instead. Nothing was copied.";
            }

            await target.Database.MigrateAsync(cancellationToken);
            await target.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var connection = (NpgsqlConnection)target.Database.GetDbConnection();
                foreach (var table in plan.Tables)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {Quote(table.Name)})";
                    if (await command.ExecuteScalarAsync(cancellationToken) is true)
                    {
                        return $"The PostgreSQL database in {variable} is not empty: table \"{table.Name}\" has rows. The copy only " +
                            "writes into an empty database (it never merges): create a new database, or drop and recreate this one, and run " +
                            "the command again. Nothing was copied.";
                    }
                }
            }
            finally
            {
                await target.Database.CloseConnectionAsync();
            }
        }
        catch (NpgsqlException ex)
        {
            // Npgsql's messages name the server and the problem, never the password.
            return $"The PostgreSQL database in {variable} cannot be prepared (migrations applied): {ex.Message}";
        }

        return null;
    }

    private static async Task CopyTableAsync(TableCopyRule table, SqliteConnection sqlite, SqliteTransaction snapshot, NpgsqlConnection postgres,
        long total, IProgress<DatabaseCopyProgress>? progress, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        await using var read = sqlite.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT {columns} FROM {Quote(table.Name)} ORDER BY {string.Join(", ", table.KeyColumns.Select(Quote))}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var writer = await postgres.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long copied = 0;
        if (total > 0)
        {
            // The start of a table with rows (an empty table is reported once, when done).
            progress?.Report(new DatabaseCopyProgress(table.Name, 0, total));
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            await writer.StartRowAsync(cancellationToken);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                if (column.ToTargetValue(column.ReadModelValue(reader, i)) is { } written)
                {
                    await writer.WriteAsync(written, column.TargetStoreType, cancellationToken);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
            }

            copied++;
            if (copied % ProgressInterval == 0 && copied < total)
            {
                progress?.Report(new DatabaseCopyProgress(table.Name, copied, total));
            }
        }

        await writer.CompleteAsync(cancellationToken);
        progress?.Report(new DatabaseCopyProgress(table.Name, copied, total));
    }

    /// <summary>An identity (or serial) column's sequence continues after the largest copied id; no-op without a sequence.</summary>
    private static async Task MoveSequenceAsync(NpgsqlConnection postgres, string table, string column, CancellationToken cancellationToken)
    {
        await using var command = postgres.CreateCommand();
        command.CommandText = $"""
            SELECT setval(s, coalesce(m, 1), m IS NOT NULL)
            FROM (SELECT pg_get_serial_sequence(@table, @column) AS s, (SELECT max({Quote(column)}) FROM {Quote(table)}) AS m) AS x
            WHERE s IS NOT NULL
            """;
        command.Parameters.AddWithValue("table", Quote(table));
        command.Parameters.AddWithValue("column", column);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AnalyzeAsync(NpgsqlConnection postgres)
    {
        // Fresh tables have no planner statistics: without them the first queries may pick poor plans. Autovacuum would
        // gather them later anyway, so a failure here is not a failure of the copy.
        try
        {
            await using var command = postgres.CreateCommand();
            command.CommandText = "ANALYZE";
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
        }
    }

    private static async Task<long> CountAsync(SqliteConnection connection, SqliteTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM {Quote(table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {Quote(table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

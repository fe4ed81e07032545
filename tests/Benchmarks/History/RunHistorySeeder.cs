using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workbench.Benchmarks.History;

/// <summary>
/// Bulk-inserts synthetic runs (no personal data, so no redaction is needed) in one transaction with a prepared
/// statement; the triggers queue them for the full-text index as for runs stored by the app, and the seeder then indexes
/// the whole queue at once (ADR-029), so the measured searches do not pay for it.
/// 20 templates × 3 versions, 4 provider/model pairs, 5 authors, a realistic status mix, one run every 30 s.
/// </summary>
public static class RunHistorySeeder
{
    public static readonly string[] Words = ["oslo", "bergen", "invoice", "refund", "shipping", "priority", "customer", "delay", "discount", "contract", "warranty", "billing"];

    private static readonly string[] Statuses = ["Valid", "Valid", "Valid", "Valid", "Valid", "Repaired", "Repaired", "Invalid", "Failed", "Cancelled"];

    private static readonly (string Provider, string Model)[] Models = [("openai", "gpt-4o-mini"), ("openai", "gpt-4o"), ("anthropic", "claude-sonnet"), ("simulated", "simulated-json")];

    private static readonly string[] ParameterNames = ["$id", "$template", "$version", "$label", "$provider", "$model", "$status", "$variables", "$output", "$attempts", "$created", "$finished", "$author"];

    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void Seed(string connectionString, int count)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "Runs" ("Id", "TemplateName", "TemplateVersion", "Label", "Provider", "Model", "Status", "VariablesJson", "Output", "Json",
                                "ErrorsJson", "AttemptCount", "CreatedAtUtc", "StartedAtUtc", "FinishedAtUtc", "StartedBy")
            VALUES ($id, $template, $version, $label, $provider, $model, $status, $variables, $output, $output, '[]', $attempts, $created, $created, $finished, $author)
            """;
        var parameters = ParameterNames.ToDictionary(n => n, n => command.Parameters.Add(new SqliteParameter { ParameterName = n }));
        command.Prepare();
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            var created = Start.AddSeconds(30.0 * i);
            var (provider, model) = Models[random.Next(Models.Length)];
            var status = Statuses[random.Next(Statuses.Length)];
            var word = Words[random.Next(Words.Length)];
            var other = Words[random.Next(Words.Length)];
            parameters["$id"].Value = Guid.CreateVersion7(new DateTimeOffset(created)).ToString().ToUpperInvariant();
            parameters["$template"].Value = "template-" + (i % 20).ToString("00", CultureInfo.InvariantCulture);
            parameters["$version"].Value = 1 + (i / 7 % 3);
            parameters["$label"].Value = i % 10 == 0 ? "production" : DBNull.Value;
            parameters["$provider"].Value = provider;
            parameters["$model"].Value = model;
            parameters["$status"].Value = status;
            parameters["$variables"].Value = $$"""{"ticket":"Case {{i}} about {{word}} and {{other}}","tier":"gold"}""";
            parameters["$output"].Value = $$"""{"category":"{{word}}","summary":"The customer asks about {{other}} (ticket {{i}}).","priority":{{random.Next(1, 5)}}}""";
            parameters["$attempts"].Value = status == "Repaired" ? 2 : status == "Invalid" ? 3 : 1;
            parameters["$created"].Value = created.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            parameters["$finished"].Value = created.AddSeconds(2).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            parameters["$author"].Value = "user-" + (i % 5).ToString(CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }

        // A handful of runs with a word nothing else has (a selective full-text query).
        using (var rare = connection.CreateCommand())
        {
            rare.Transaction = transaction;
            rare.CommandText = """UPDATE "Runs" SET "Output" = "Output" || ' zanzibar' WHERE rowid % 5000 = 0""";
            rare.ExecuteNonQuery();
        }

        using (var index = connection.CreateCommand())
        {
            index.Transaction = transaction;
            index.CommandText = Workbench.Core.Persistence.Sql.RunSearchSql.IndexPending;
            index.Parameters.AddWithValue("$last", long.MaxValue);
            index.ExecuteNonQuery();
        }

        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
    }
}

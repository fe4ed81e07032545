namespace Workbench.Core.Persistence.Sql;

/// <summary>
/// The SQLite full-text index over runs (ADR-014), created by the <c>RunHistory</c> migration through
/// <c>migrationBuilder.Sql(RunSearchSql.Create)</c> so the migration can be regenerated and the call re-added.
/// <para>
/// <c>RunSearch</c> is a <b>contentless</b> FTS5 table (the redacted text is not stored twice, only its index) over the
/// redacted input (<c>Runs.VariablesJson</c>) and output (<c>Runs.Output</c>). Its rowid comes from
/// <c>RunSearchRows</c>, whose <c>INTEGER PRIMARY KEY</c> survives <c>VACUUM</c> (the implicit rowid of <c>Runs</c>,
/// keyed by a GUID, does not). Triggers keep both in step with every insert, content update and delete of a run,
/// whoever writes it (EF, <c>ExecuteUpdate</c>, raw SQL, cascades).
/// </para>
/// </summary>
public static class RunSearchSql
{
    /// <summary>Creates the index tables and triggers and indexes the runs already stored.</summary>
    public const string Create = """
        CREATE TABLE "RunSearchRows" (
            "RowId" INTEGER NOT NULL PRIMARY KEY,
            "RunId" TEXT NOT NULL UNIQUE
        );

        CREATE VIRTUAL TABLE "RunSearch" USING fts5(
            "Input", "Output",
            content='', contentless_delete=1,
            tokenize='unicode61 remove_diacritics 2'
        );

        CREATE TRIGGER "Runs_Search_Insert" AFTER INSERT ON "Runs" BEGIN
            INSERT INTO "RunSearchRows" ("RunId") VALUES (new."Id");
            INSERT INTO "RunSearch" (rowid, "Input", "Output") VALUES (last_insert_rowid(), new."VariablesJson", new."Output");
        END;

        CREATE TRIGGER "Runs_Search_Update" AFTER UPDATE OF "VariablesJson", "Output" ON "Runs" BEGIN
            DELETE FROM "RunSearch" WHERE rowid = (SELECT "RowId" FROM "RunSearchRows" WHERE "RunId" = old."Id");
            INSERT INTO "RunSearch" (rowid, "Input", "Output")
                SELECT "RowId", new."VariablesJson", new."Output" FROM "RunSearchRows" WHERE "RunId" = new."Id";
        END;

        CREATE TRIGGER "Runs_Search_Delete" AFTER DELETE ON "Runs" BEGIN
            DELETE FROM "RunSearch" WHERE rowid = (SELECT "RowId" FROM "RunSearchRows" WHERE "RunId" = old."Id");
            DELETE FROM "RunSearchRows" WHERE "RunId" = old."Id";
        END;

        INSERT INTO "RunSearchRows" ("RunId") SELECT "Id" FROM "Runs" ORDER BY "CreatedAtUtc";
        INSERT INTO "RunSearch" (rowid, "Input", "Output")
            SELECT m."RowId", r."VariablesJson", r."Output" FROM "RunSearchRows" AS m JOIN "Runs" AS r ON r."Id" = m."RunId";
        """;

    /// <summary>Removes what <see cref="Create"/> made (the migration's Down).</summary>
    public const string Drop = """
        DROP TRIGGER IF EXISTS "Runs_Search_Delete";
        DROP TRIGGER IF EXISTS "Runs_Search_Update";
        DROP TRIGGER IF EXISTS "Runs_Search_Insert";
        DROP TABLE IF EXISTS "RunSearch";
        DROP TABLE IF EXISTS "RunSearchRows";
        """;

    /// <summary>
    /// How many runs match an FTS5 expression (parameter <c>{0}</c>), counting at most <c>{1}</c>: the index has exactly
    /// one row per run, and a common word stops being counted at the limit instead of walking its whole posting list.
    /// </summary>
    public const string Count = """SELECT count(*) AS "Value" FROM (SELECT 1 FROM "RunSearch" WHERE "RunSearch" MATCH {0} LIMIT {1})""";

    /// <summary>
    /// The runs whose redacted input or output match an FTS5 expression (parameter <c>{0}</c>; built by
    /// <see cref="History.RunSearchExpression"/>, never raw user text).
    /// </summary>
    public const string Matching = """
        SELECT * FROM "Runs" WHERE "Id" IN (
            SELECT m."RunId" FROM "RunSearchRows" AS m
            WHERE m."RowId" IN (SELECT rowid FROM "RunSearch" WHERE "RunSearch" MATCH {0}))
        """;

    /// <summary>
    /// The same runs as <see cref="Matching"/>, written as a test of each run (its index row id is in the match list,
    /// which SQLite builds once, as integers, with a Bloom filter) so a query sorted by time walks
    /// <c>IX_Runs_CreatedAtUtc</c> and stops after the page. For a word in thousands of runs this avoids looking up every
    /// match's run and sorting them all; for a rare word it would scan every run, so <see cref="Matching"/> serves those.
    /// </summary>
    public const string MatchingEach = """
        SELECT * FROM "Runs" AS r WHERE (SELECT m."RowId" FROM "RunSearchRows" AS m WHERE m."RunId" = r."Id")
            IN (SELECT rowid FROM "RunSearch" WHERE "RunSearch" MATCH {0})
        """;
}

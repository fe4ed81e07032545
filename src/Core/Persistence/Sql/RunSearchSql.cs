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
/// <para>
/// Since the <c>DeferredRunSearch</c> migration (ADR-029) the insert and update triggers no longer index: they append the
/// run's id to <c>RunSearchPending</c> (one small row at the end of a table), and <see cref="IndexPending"/> indexes the
/// pending runs many at a time, in the background after run writes and before every search, so a search always sees
/// every committed run. Indexing in the run's own commit wrote a new FTS5 segment per transaction and was the largest
/// part of a run's own overhead. The delete trigger still removes a run from the index at once.
/// </para>
/// </summary>
public static class RunSearchSql
{
    /// <summary>
    /// The insert and update triggers that index a run inside its own write (ADR-014): created by <see cref="Create"/>,
    /// replaced by <see cref="DeferIndexing"/>, restored by <see cref="IndexImmediately"/>.
    /// </summary>
    private const string IndexingTriggers = """
        CREATE TRIGGER "Runs_Search_Insert" AFTER INSERT ON "Runs" BEGIN
            INSERT INTO "RunSearchRows" ("RunId") VALUES (new."Id");
            INSERT INTO "RunSearch" (rowid, "Input", "Output") VALUES (last_insert_rowid(), new."VariablesJson", new."Output");
        END;

        CREATE TRIGGER "Runs_Search_Update" AFTER UPDATE OF "VariablesJson", "Output" ON "Runs" BEGIN
            DELETE FROM "RunSearch" WHERE rowid = (SELECT "RowId" FROM "RunSearchRows" WHERE "RunId" = old."Id");
            INSERT INTO "RunSearch" (rowid, "Input", "Output")
                SELECT "RowId", new."VariablesJson", new."Output" FROM "RunSearchRows" WHERE "RunId" = new."Id";
        END;
        """;

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

        """ + IndexingTriggers + """

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
    /// Run writes only queue the run for indexing (ADR-029): the <c>DeferredRunSearch</c> migration's Up. A content update
    /// queues the run only when its input or output really changed (setting the same value, as a result write may, does not).
    /// </summary>
    public const string DeferIndexing = """
        CREATE TABLE "RunSearchPending" (
            "Seq" INTEGER NOT NULL PRIMARY KEY,
            "RunId" TEXT NOT NULL
        );

        DROP TRIGGER "Runs_Search_Insert";
        DROP TRIGGER "Runs_Search_Update";

        CREATE TRIGGER "Runs_Search_Insert" AFTER INSERT ON "Runs" BEGIN
            INSERT INTO "RunSearchPending" ("RunId") VALUES (new."Id");
        END;

        CREATE TRIGGER "Runs_Search_Update" AFTER UPDATE OF "VariablesJson", "Output" ON "Runs"
            WHEN new."VariablesJson" IS NOT old."VariablesJson" OR new."Output" IS NOT old."Output" BEGIN
            INSERT INTO "RunSearchPending" ("RunId") VALUES (new."Id");
        END;
        """;

    /// <summary>
    /// Back to indexing inside each run write (the <c>DeferredRunSearch</c> migration's Down), after indexing what is pending.
    /// </summary>
    public const string IndexImmediately = """
        DELETE FROM "RunSearch" WHERE rowid IN (
            SELECT m."RowId" FROM "RunSearchRows" AS m WHERE m."RunId" IN (SELECT "RunId" FROM "RunSearchPending"));
        INSERT OR IGNORE INTO "RunSearchRows" ("RunId")
            SELECT r."Id" FROM "Runs" AS r WHERE r."Id" IN (SELECT "RunId" FROM "RunSearchPending") ORDER BY r."CreatedAtUtc";
        INSERT INTO "RunSearch" (rowid, "Input", "Output")
            SELECT m."RowId", r."VariablesJson", r."Output" FROM "RunSearchRows" AS m JOIN "Runs" AS r ON r."Id" = m."RunId"
            WHERE m."RunId" IN (SELECT "RunId" FROM "RunSearchPending");

        DROP TRIGGER "Runs_Search_Insert";
        DROP TRIGGER "Runs_Search_Update";
        DROP TABLE "RunSearchPending";

        """ + IndexingTriggers;

    /// <summary>
    /// The last queue position of the next chunk of pending runs (at most parameter <c>$chunk</c> entries; NULL when
    /// nothing is pending) and how many entries that chunk holds.
    /// </summary>
    public const string PendingChunkEnd = """SELECT max("Seq"), count(*) FROM (SELECT "Seq" FROM "RunSearchPending" ORDER BY "Seq" LIMIT $chunk)""";

    /// <summary>
    /// Indexes the runs queued up to position <c>$last</c> with their current input and output, then takes them off the
    /// queue. A run queued several times is indexed once; a run deleted meanwhile is skipped (its delete trigger already
    /// removed whatever was indexed). A run keeps its index row id, so its old entry is deleted first. Run in one write
    /// transaction, so no run write comes between the statements.
    /// </summary>
    public const string IndexPending = """
        DELETE FROM "RunSearch" WHERE rowid IN (
            SELECT m."RowId" FROM "RunSearchRows" AS m WHERE m."RunId" IN (SELECT "RunId" FROM "RunSearchPending" WHERE "Seq" <= $last));
        INSERT OR IGNORE INTO "RunSearchRows" ("RunId")
            SELECT r."Id" FROM "Runs" AS r WHERE r."Id" IN (SELECT "RunId" FROM "RunSearchPending" WHERE "Seq" <= $last) ORDER BY r."CreatedAtUtc";
        INSERT INTO "RunSearch" (rowid, "Input", "Output")
            SELECT m."RowId", r."VariablesJson", r."Output" FROM "RunSearchRows" AS m JOIN "Runs" AS r ON r."Id" = m."RunId"
            WHERE m."RunId" IN (SELECT "RunId" FROM "RunSearchPending" WHERE "Seq" <= $last);
        DELETE FROM "RunSearchPending" WHERE "Seq" <= $last;
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

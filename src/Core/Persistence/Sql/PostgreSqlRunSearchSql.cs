namespace Workbench.Core.Persistence.Sql;

/// <summary>
/// The PostgreSQL full-text index over runs (ADR-020), the counterpart of the SQLite FTS5 index in
/// <see cref="RunSearchSql"/>. Created by the hand-written <c>PostgreSqlSearchAndTriggers</c> migration through
/// <c>migrationBuilder.Sql(PostgreSqlRunSearchSql.Create)</c>, so the generated initial migration can be regenerated.
/// <para>
/// <c>Runs."SearchVector"</c> is a <b>stored generated</b> <c>tsvector</c> column over the redacted input
/// (<c>VariablesJson</c>) and output (<c>Output</c>), so PostgreSQL keeps it in step with every insert, update and
/// delete, whoever writes the row; a GIN index serves the matches. To index words the way FTS5's <c>unicode61</c>
/// tokenizer does, ASCII punctuation is turned into spaces first (otherwise PostgreSQL's parser would keep
/// <c>example.com</c> or <c>a-b</c> as one token) and the <c>simple</c> configuration is used (lower case, no stemming,
/// no stop words). Each column contributes at most <see cref="MaxIndexedCharacters"/> characters (a <c>tsvector</c>
/// is limited to 1 MB). Like FTS5 (<c>remove_diacritics 2</c>), accents are folded on both sides since
/// <see cref="CreateFolded"/> (ADR-024): <c>cafe</c> finds <c>café</c> and <c>café</c> finds <c>CAFE</c>, through
/// <c>"Workbench_FoldDiacritics"</c>, an immutable <c>translate()</c> over the Latin letters with diacritics
/// (<see cref="Accented"/> → <see cref="Plain"/>), so no extension (<c>unaccent</c>) is needed.
/// </para>
/// </summary>
public static class PostgreSqlRunSearchSql
{
    public const int MaxIndexedCharacters = 100_000;

    /// <summary>Adds the generated column (computed for the runs already stored) and its GIN index.</summary>
    public const string Create = """
        ALTER TABLE "Runs" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
            to_tsvector('simple'::regconfig, regexp_replace(left(coalesce("VariablesJson", ''), 100000), '[[:punct:]]+', ' ', 'g'))
            || to_tsvector('simple'::regconfig, regexp_replace(left(coalesce("Output", ''), 100000), '[[:punct:]]+', ' ', 'g'))
        ) STORED;

        CREATE INDEX "IX_Runs_SearchVector" ON "Runs" USING GIN ("SearchVector");
        """;

    /// <summary>Latin letters with diacritics (Latin-1, Latin Extended-A/B, Latin Extended Additional) whose canonical decomposition is a plain letter plus combining marks.</summary>
    public const string Accented =
        "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵ" +
        "ĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻ" +
        "ȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷ" +
        "ḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạ" +
        "ẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ";

    /// <summary>The plain letter of each character of <see cref="Accented"/>, at the same position.</summary>
    public const string Plain =
        "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJj" +
        "KkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAa" +
        "AaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYyAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLl" +
        "LlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyAa" +
        "AaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy";

    /// <summary>
    /// The search column again, accents folded (migration <c>PostgreSqlSearchFoldsDiacritics</c>, after <see cref="Drop"/>):
    /// an immutable SQL function usable in a generated column, the column over the folded text, and its GIN index.
    /// </summary>
    public const string CreateFolded = $$"""
        CREATE FUNCTION "Workbench_FoldDiacritics"(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $fold$ SELECT translate($1, '{{Accented}}', '{{Plain}}') $fold$;

        ALTER TABLE "Runs" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
            to_tsvector('simple'::regconfig, "Workbench_FoldDiacritics"(regexp_replace(left(coalesce("VariablesJson", ''), 100000), '[[:punct:]]+', ' ', 'g')))
            || to_tsvector('simple'::regconfig, "Workbench_FoldDiacritics"(regexp_replace(left(coalesce("Output", ''), 100000), '[[:punct:]]+', ' ', 'g')))
        ) STORED;

        CREATE INDEX "IX_Runs_SearchVector" ON "Runs" USING GIN ("SearchVector");
        """;

    /// <summary>Removes the folding function (after <see cref="Drop"/>; the Down of <c>PostgreSqlSearchFoldsDiacritics</c>).</summary>
    public const string DropFolding = """DROP FUNCTION IF EXISTS "Workbench_FoldDiacritics"(text);""";

    /// <summary>Removes what <see cref="Create"/> made (the migration's Down).</summary>
    public const string Drop = """
        DROP INDEX IF EXISTS "IX_Runs_SearchVector";
        ALTER TABLE "Runs" DROP COLUMN IF EXISTS "SearchVector";
        """;

    /// <summary>How many runs match a <c>tsquery</c> (parameter <c>{0}</c>, built by <see cref="History.PostgreSqlRunSearch"/>).</summary>
    public const string Count = """SELECT count(*)::int AS "Value" FROM (SELECT 1 FROM "Runs" WHERE "SearchVector" @@ to_tsquery('simple', "Workbench_FoldDiacritics"({0})) LIMIT {1}) AS capped""";

    /// <summary>The runs whose redacted input or output match a <c>tsquery</c> (parameter <c>{0}</c>; never raw user text).</summary>
    public const string Matching = """SELECT * FROM "Runs" WHERE "SearchVector" @@ to_tsquery('simple', "Workbench_FoldDiacritics"({0}))""";
}

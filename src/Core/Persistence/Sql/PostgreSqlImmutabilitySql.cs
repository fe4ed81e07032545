namespace Workbench.Core.Persistence.Sql;

/// <summary>
/// Saved template and schema versions are immutable (ADR-002) even for code that bypasses EF Core: on SQLite the
/// <c>InitialTemplates</c> and <c>OutputSchemas</c> migrations add <c>RAISE(ABORT)</c> triggers; these are the
/// PostgreSQL equivalents, added by the hand-written <c>PostgreSqlSearchAndTriggers</c> migration (ADR-020).
/// </summary>
public static class PostgreSqlImmutabilitySql
{
    public const string Create = """
        CREATE FUNCTION "Workbench_RefuseUpdate"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% are immutable', TG_ARGV[0];
        END;
        $$;

        CREATE TRIGGER "TemplateVersions_Immutable" BEFORE UPDATE ON "TemplateVersions"
            FOR EACH ROW EXECUTE FUNCTION "Workbench_RefuseUpdate"('template versions');

        CREATE TRIGGER "SchemaVersions_Immutable" BEFORE UPDATE ON "SchemaVersions"
            FOR EACH ROW EXECUTE FUNCTION "Workbench_RefuseUpdate"('schema versions');
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "SchemaVersions_Immutable" ON "SchemaVersions";
        DROP TRIGGER IF EXISTS "TemplateVersions_Immutable" ON "TemplateVersions";
        DROP FUNCTION IF EXISTS "Workbench_RefuseUpdate"();
        """;
}

namespace Workbench.Core.Persistence.Sql;

/// <summary>
/// The PostgreSQL equivalents of <see cref="AuditSql"/> (ADR-017, ADR-020): <c>AuditEntries</c> refuse every update and
/// every delete of an entry younger than <see cref="AuditSql.MinimumRetentionDays"/> days, also for code that bypasses
/// EF Core. Added by the hand-written <c>PostgreSqlSearchAndTriggers</c> migration.
/// </summary>
public static class PostgreSqlAuditSql
{
    public const string Create = """
        CREATE FUNCTION "AuditEntries_Guard"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                RAISE EXCEPTION 'audit entries are immutable';
            END IF;
            IF OLD."OccurredAtUtc" > now() - interval '30 days' THEN
                RAISE EXCEPTION 'audit entries younger than 30 days cannot be deleted';
            END IF;
            RETURN OLD;
        END;
        $$;

        CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION "AuditEntries_Guard"();

        CREATE TRIGGER "AuditEntries_NoRecentDelete" BEFORE DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION "AuditEntries_Guard"();
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "AuditEntries_NoRecentDelete" ON "AuditEntries";
        DROP TRIGGER IF EXISTS "AuditEntries_NoUpdate" ON "AuditEntries";
        DROP FUNCTION IF EXISTS "AuditEntries_Guard"();
        """;
}

namespace Workbench.Core.Persistence.Sql;

/// <summary>
/// Triggers that keep <c>AuditEntries</c> append-only for anything that bypasses EF Core (ADR-017), created by the
/// <c>AuditTrail</c> migration through <c>migrationBuilder.Sql(AuditSql.Create)</c> so the migration can be regenerated
/// and the call re-added. Updates are always refused; deletes only of entries younger than
/// <see cref="MinimumRetentionDays"/> days, so the retention purge can remove old entries and nobody can remove fresh ones.
/// </summary>
public static class AuditSql
{
    /// <summary>The shortest audit retention allowed (<c>Workbench:Retention:AuditDays</c>), enforced by the delete trigger.</summary>
    public const int MinimumRetentionDays = 30;

    public const string Create = """
        CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
        BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END;

        CREATE TRIGGER "AuditEntries_NoRecentDelete" BEFORE DELETE ON "AuditEntries"
        WHEN old."OccurredAtUtc" > strftime('%Y-%m-%d %H:%M:%S', 'now', '-30 days')
        BEGIN SELECT RAISE(ABORT, 'audit entries younger than 30 days cannot be deleted'); END;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "AuditEntries_NoUpdate";
        DROP TRIGGER IF EXISTS "AuditEntries_NoRecentDelete";
        """;
}

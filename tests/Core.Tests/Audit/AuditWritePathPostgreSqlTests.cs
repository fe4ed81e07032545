using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Audit;

/// <summary>Every test of <see cref="AuditWritePathTests"/> again, on PostgreSQL (ADR-020; skipped without PostgreSQL, failed when CI=true).</summary>
public sealed class AuditWritePathPostgreSqlTests : AuditWritePathTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

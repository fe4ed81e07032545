using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Audit;

/// <summary>Every test of <see cref="AuditTrailTests"/> again, on PostgreSQL: the audit guards are triggers of their own there.</summary>
public sealed class AuditTrailPostgreSqlTests : AuditTrailTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

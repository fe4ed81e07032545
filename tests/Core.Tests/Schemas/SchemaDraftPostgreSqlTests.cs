using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Schemas;

/// <summary>Every test of <see cref="SchemaDraftTests"/> again, on PostgreSQL (ADR-020; skipped without PostgreSQL, failed when CI=true).</summary>
public sealed class SchemaDraftPostgreSqlTests : SchemaDraftTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Export;

/// <summary>Every test of <see cref="ImportServiceTests"/> again, on PostgreSQL (ADR-020; skipped without PostgreSQL, failed when CI=true).</summary>
public sealed class ImportServicePostgreSqlTests : ImportServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

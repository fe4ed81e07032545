using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Export;

/// <summary>Every test of <see cref="ExportServiceTests"/> again, on PostgreSQL (ADR-020; skipped without PostgreSQL, failed when CI=true).</summary>
public sealed class ExportServicePostgreSqlTests : ExportServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

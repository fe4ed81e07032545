using Workbench.Core.Persistence;

namespace Workbench.Tests.Batches;

/// <summary>Every test of <see cref="BatchApiTests"/> again, with the app on PostgreSQL (ADR-020; skipped without PostgreSQL, failed when CI=true).</summary>
public sealed class BatchApiPostgreSqlTests : BatchApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

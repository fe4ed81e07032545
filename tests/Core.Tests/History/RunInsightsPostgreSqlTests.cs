using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.History;

/// <summary>Every test of <see cref="RunInsightsTests"/> again, on PostgreSQL (ADR-020; skipped without PostgreSQL, failed when CI=true).</summary>
public sealed class RunInsightsPostgreSqlTests : RunInsightsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Runs;

/// <summary>Every test of <see cref="RunStoreTests"/> again, on PostgreSQL (skipped where PostgreSQL is absent, failed in CI).</summary>
public sealed class RunStorePostgreSqlTests : RunStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

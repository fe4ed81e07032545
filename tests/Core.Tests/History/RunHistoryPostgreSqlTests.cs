using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.History;

/// <summary>Every test of <see cref="RunHistoryTests"/> again, on PostgreSQL (skipped where PostgreSQL is absent, failed in CI).</summary>
public sealed class RunHistoryPostgreSqlTests : RunHistoryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

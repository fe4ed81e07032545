using Workbench.Core.Persistence;

namespace Workbench.Tests.Hosting;

/// <summary>Every test of <see cref="DataProtectionTests"/> again, with the nodes sharing one PostgreSQL database.</summary>
public sealed class DataProtectionPostgreSqlTests : DataProtectionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Templates;

/// <summary>Every test of <see cref="TemplateServiceTests"/> again, on PostgreSQL (skipped where PostgreSQL is absent, failed in CI).</summary>
public sealed class TemplateServicePostgreSqlTests : TemplateServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

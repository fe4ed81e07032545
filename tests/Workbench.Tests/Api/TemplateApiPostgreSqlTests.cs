namespace Workbench.Tests.Api;

/// <summary>Every test of <see cref="TemplateApiTests"/> again, with the app on PostgreSQL (ADR-020).</summary>
public sealed class TemplateApiPostgreSqlTests(PostgreSqlApiHost host) : TemplateApiTests(host), IClassFixture<PostgreSqlApiHost>;

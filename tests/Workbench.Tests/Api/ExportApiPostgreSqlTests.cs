namespace Workbench.Tests.Api;

/// <summary>Every test of <see cref="ExportApiTests"/> again, with the app on PostgreSQL (ADR-020).</summary>
public sealed class ExportApiPostgreSqlTests(PostgreSqlApiHost host) : ExportApiTests(host), IClassFixture<PostgreSqlApiHost>;

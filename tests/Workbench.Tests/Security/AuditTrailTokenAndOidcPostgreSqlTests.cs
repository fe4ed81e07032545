namespace Workbench.Tests.Security;

/// <summary>Every test of <see cref="AuditTrailTokenAndOidcTests"/> again, with the app on PostgreSQL (ADR-020).</summary>
public sealed class AuditTrailTokenAndOidcPostgreSqlTests(PostgreSqlTeamApp app) : AuditTrailTokenAndOidcTests(app), IClassFixture<PostgreSqlTeamApp>;

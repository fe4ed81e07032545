namespace Workbench.Tests.Security;

/// <summary>Every test of <see cref="AuditTrailAccountTests"/> again, with the app on PostgreSQL (ADR-020).</summary>
public sealed class AuditTrailAccountPostgreSqlTests(PostgreSqlTeamApp app) : AuditTrailAccountTests(app), IClassFixture<PostgreSqlTeamApp>;

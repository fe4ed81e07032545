using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Workbench.Core.Persistence;

/// <summary>
/// The one database: templates, schemas, runs, (team mode) the ASP.NET Core Identity tables and API tokens, and the
/// data-protection key ring shared by every node (encrypted at rest, ADR-023). See ADR-012 for why Identity lives here.
/// </summary>
public sealed class WorkbenchDbContext(DbContextOptions<WorkbenchDbContext> options)
    : IdentityDbContext<WorkbenchUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<TemplateEntity> Templates => Set<TemplateEntity>();
    public DbSet<TemplateVersionEntity> TemplateVersions => Set<TemplateVersionEntity>();
    public DbSet<TemplateLabelEntity> TemplateLabels => Set<TemplateLabelEntity>();
    public DbSet<LabelMoveEntity> LabelMoves => Set<LabelMoveEntity>();
    public DbSet<TemplateDraftEntity> TemplateDrafts => Set<TemplateDraftEntity>();
    public DbSet<SchemaDraftEntity> SchemaDrafts => Set<SchemaDraftEntity>();
    public DbSet<SchemaEntity> Schemas => Set<SchemaEntity>();
    public DbSet<SchemaVersionEntity> SchemaVersions => Set<SchemaVersionEntity>();
    public DbSet<SchemaLabelEntity> SchemaLabels => Set<SchemaLabelEntity>();
    public DbSet<SchemaLabelMoveEntity> SchemaLabelMoves => Set<SchemaLabelMoveEntity>();
    public DbSet<RunEntity> Runs => Set<RunEntity>();
    public DbSet<RunAttemptEntity> RunAttempts => Set<RunAttemptEntity>();
    public DbSet<RunVerdictEntity> RunVerdicts => Set<RunVerdictEntity>();
    public DbSet<BatchEntity> Batches => Set<BatchEntity>();
    public DbSet<TestCaseEntity> TestCases => Set<TestCaseEntity>();
    public DbSet<ApiTokenEntity> ApiTokens => Set<ApiTokenEntity>();
    public DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();
    public DbSet<WorkItemEntity> WorkItems => Set<WorkItemEntity>();

    /// <summary>Data-protection keys; each row's master key is encrypted (<c>DataProtection.AesGcmXmlEncryptor</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Pinned, not read from the app's IdentityOptions, so the model (and the migrations) are the same at design time,
    /// in tests and in the app. Version 2 is the Identity schema without passkeys.
    /// </summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version2;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        if (Database.IsPostgreSql())
        {
            // timestamptz accepts only UTC DateTimes (Npgsql 6+): every stored DateTime is UTC by convention, this
            // makes it so for values that lost their kind on the way (date pickers, imports), and reads come back UTC.
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's own mapping first (AspNetUsers, AspNetRoles, ...), then ours.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WorkbenchDbContext).Assembly);
    }
}

using Microsoft.EntityFrameworkCore;

namespace Workbench.Core.Persistence;

public sealed class WorkbenchDbContext(DbContextOptions<WorkbenchDbContext> options) : DbContext(options)
{
    public DbSet<TemplateEntity> Templates => Set<TemplateEntity>();
    public DbSet<TemplateVersionEntity> TemplateVersions => Set<TemplateVersionEntity>();
    public DbSet<TemplateLabelEntity> TemplateLabels => Set<TemplateLabelEntity>();
    public DbSet<LabelMoveEntity> LabelMoves => Set<LabelMoveEntity>();
    public DbSet<TemplateDraftEntity> TemplateDrafts => Set<TemplateDraftEntity>();
    public DbSet<SchemaEntity> Schemas => Set<SchemaEntity>();
    public DbSet<SchemaVersionEntity> SchemaVersions => Set<SchemaVersionEntity>();
    public DbSet<SchemaLabelEntity> SchemaLabels => Set<SchemaLabelEntity>();
    public DbSet<SchemaLabelMoveEntity> SchemaLabelMoves => Set<SchemaLabelMoveEntity>();
    public DbSet<RunEntity> Runs => Set<RunEntity>();
    public DbSet<RunAttemptEntity> RunAttempts => Set<RunAttemptEntity>();
    public DbSet<BatchEntity> Batches => Set<BatchEntity>();
    public DbSet<TestCaseEntity> TestCases => Set<TestCaseEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkbenchDbContext).Assembly);
}

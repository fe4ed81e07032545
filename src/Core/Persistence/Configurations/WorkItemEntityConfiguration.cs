using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class WorkItemEntityConfiguration : IEntityTypeConfiguration<WorkItemEntity>
{
    public void Configure(EntityTypeBuilder<WorkItemEntity> builder)
    {
        builder.ToTable("WorkItems");
        builder.HasKey(w => w.RunId);
        builder.HasOne<RunEntity>().WithOne().HasForeignKey<WorkItemEntity>(w => w.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(w => w.Provider).HasMaxLength(64);
        builder.Property(w => w.LeasedBy).HasMaxLength(100);
        builder.HasIndex(w => new { w.EnqueuedAtUtc, w.RunId });
        builder.HasIndex(w => w.BatchId);
        builder.HasIndex(w => w.LeaseExpiresAtUtc);
    }
}

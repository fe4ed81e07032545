using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class BatchEntityConfiguration : IEntityTypeConfiguration<BatchEntity>
{
    public void Configure(EntityTypeBuilder<BatchEntity> builder)
    {
        builder.ToTable("Batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.TemplateName).HasMaxLength(100).IsRequired();
        builder.Property(b => b.Label).HasMaxLength(100);
        builder.Property(b => b.TestSet).HasMaxLength(100);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.StatusReason).HasMaxLength(500);
        builder.HasIndex(b => b.Status);
        builder.HasIndex(b => b.CreatedAtUtc);
        builder.HasIndex(b => b.TemplateId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class TemplateEntityConfiguration : IEntityTypeConfiguration<TemplateEntity>
{
    public void Configure(EntityTypeBuilder<TemplateEntity> builder)
    {
        builder.ToTable("Templates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.Property(t => t.NormalizedName).HasMaxLength(100).IsRequired();
        builder.HasIndex(t => t.NormalizedName).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.PrimitiveCollection(t => t.Tags);
        builder.Property(t => t.CreatedBy).HasMaxLength(200);
        builder.HasIndex(t => t.UpdatedAtUtc);
        builder.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Labels).WithOne().HasForeignKey(l => l.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

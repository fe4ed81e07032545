using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class SchemaEntityConfiguration : IEntityTypeConfiguration<SchemaEntity>
{
    public void Configure(EntityTypeBuilder<SchemaEntity> builder)
    {
        builder.ToTable("Schemas");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(100).IsRequired();
        builder.Property(s => s.NormalizedName).HasMaxLength(100).IsRequired();
        builder.HasIndex(s => s.NormalizedName).IsUnique();
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        builder.HasIndex(s => s.UpdatedAtUtc);
        builder.HasMany(s => s.Versions).WithOne().HasForeignKey(v => v.SchemaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Labels).WithOne().HasForeignKey(l => l.SchemaId).OnDelete(DeleteBehavior.Cascade);
    }
}

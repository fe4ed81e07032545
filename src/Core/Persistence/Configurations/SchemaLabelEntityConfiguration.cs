using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class SchemaLabelEntityConfiguration : IEntityTypeConfiguration<SchemaLabelEntity>
{
    public void Configure(EntityTypeBuilder<SchemaLabelEntity> builder)
    {
        builder.ToTable("SchemaLabels");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Name).HasMaxLength(40).IsRequired();
        builder.HasIndex(l => new { l.SchemaId, l.Name }).IsUnique();
        builder.Property(l => l.UpdatedBy).HasMaxLength(200);
    }
}

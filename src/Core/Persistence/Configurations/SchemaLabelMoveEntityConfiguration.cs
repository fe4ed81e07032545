using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class SchemaLabelMoveEntityConfiguration : IEntityTypeConfiguration<SchemaLabelMoveEntity>
{
    public void Configure(EntityTypeBuilder<SchemaLabelMoveEntity> builder)
    {
        builder.ToTable("SchemaLabelMoves");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.LabelName).HasMaxLength(40).IsRequired();
        builder.Property(m => m.MovedBy).HasMaxLength(200);
        builder.HasIndex(m => new { m.SchemaId, m.MovedAtUtc });
        builder.HasOne<SchemaEntity>().WithMany().HasForeignKey(m => m.SchemaId).OnDelete(DeleteBehavior.Cascade);
    }
}

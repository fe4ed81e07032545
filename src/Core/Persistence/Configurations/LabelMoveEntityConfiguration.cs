using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class LabelMoveEntityConfiguration : IEntityTypeConfiguration<LabelMoveEntity>
{
    public void Configure(EntityTypeBuilder<LabelMoveEntity> builder)
    {
        builder.ToTable("LabelMoves");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.LabelName).HasMaxLength(40).IsRequired();
        builder.Property(m => m.MovedBy).HasMaxLength(200);
        builder.HasIndex(m => new { m.TemplateId, m.MovedAtUtc });
        builder.HasOne<TemplateEntity>().WithMany().HasForeignKey(m => m.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

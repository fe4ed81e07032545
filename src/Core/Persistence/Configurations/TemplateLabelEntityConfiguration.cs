using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class TemplateLabelEntityConfiguration : IEntityTypeConfiguration<TemplateLabelEntity>
{
    public void Configure(EntityTypeBuilder<TemplateLabelEntity> builder)
    {
        builder.ToTable("TemplateLabels");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Name).HasMaxLength(40).IsRequired();
        builder.HasIndex(l => new { l.TemplateId, l.Name }).IsUnique();
        builder.Property(l => l.UpdatedBy).HasMaxLength(200);
    }
}

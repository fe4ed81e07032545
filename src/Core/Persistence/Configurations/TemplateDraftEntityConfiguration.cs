using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class TemplateDraftEntityConfiguration : IEntityTypeConfiguration<TemplateDraftEntity>
{
    public void Configure(EntityTypeBuilder<TemplateDraftEntity> builder)
    {
        builder.ToTable("TemplateDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.UserName).HasMaxLength(200).IsRequired();
        builder.HasIndex(d => new { d.TemplateId, d.UserName }).IsUnique();
        builder.Property(d => d.ContentJson).IsRequired();
        builder.HasOne<TemplateEntity>().WithMany().HasForeignKey(d => d.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

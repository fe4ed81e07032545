using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class TemplateVersionEntityConfiguration : IEntityTypeConfiguration<TemplateVersionEntity>
{
    public void Configure(EntityTypeBuilder<TemplateVersionEntity> builder)
    {
        builder.ToTable("TemplateVersions");
        builder.HasKey(v => v.Id);
        // The unique (template, number) pair is what turns two simultaneous saves into one save and one conflict.
        builder.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
        builder.Property(v => v.ContentJson).IsRequired();
        builder.Property(v => v.CommitMessage).HasMaxLength(500);
        builder.Property(v => v.Author).HasMaxLength(200);
        builder.HasIndex(v => v.CreatedAtUtc);
    }
}

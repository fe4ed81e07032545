using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class SchemaVersionEntityConfiguration : IEntityTypeConfiguration<SchemaVersionEntity>
{
    public void Configure(EntityTypeBuilder<SchemaVersionEntity> builder)
    {
        builder.ToTable("SchemaVersions");
        builder.HasKey(v => v.Id);
        // The unique (schema, number) pair turns two simultaneous saves into one save and one conflict.
        builder.HasIndex(v => new { v.SchemaId, v.Number }).IsUnique();
        builder.Property(v => v.SchemaJson).IsRequired();
        builder.Property(v => v.CommitMessage).HasMaxLength(500);
        builder.Property(v => v.Author).HasMaxLength(200);
        builder.HasIndex(v => v.CreatedAtUtc);
    }
}

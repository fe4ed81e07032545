using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class SchemaDraftEntityConfiguration : IEntityTypeConfiguration<SchemaDraftEntity>
{
    public void Configure(EntityTypeBuilder<SchemaDraftEntity> builder)
    {
        builder.ToTable("SchemaDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.UserName).HasMaxLength(200).IsRequired();
        builder.HasIndex(d => new { d.SchemaId, d.UserName }).IsUnique();
        // NULLs are distinct in a unique index: one new-schema draft per user needs its own filtered index.
        builder.HasIndex(d => d.UserName).IsUnique().HasFilter("\"SchemaId\" IS NULL").HasDatabaseName("IX_SchemaDrafts_NewSchema_UserName");
        builder.Property(d => d.ContentJson).IsRequired();
        builder.HasOne<SchemaEntity>().WithMany().HasForeignKey(d => d.SchemaId).OnDelete(DeleteBehavior.Cascade);
    }
}

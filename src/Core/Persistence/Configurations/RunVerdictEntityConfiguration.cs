using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class RunVerdictEntityConfiguration : IEntityTypeConfiguration<RunVerdictEntity>
{
    public void Configure(EntityTypeBuilder<RunVerdictEntity> builder)
    {
        builder.ToTable("RunVerdicts");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Reviewer).HasMaxLength(200).IsRequired();
        builder.Property(v => v.Verdict).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Comment).HasMaxLength(4000);
        builder.HasIndex(v => new { v.RunId, v.CreatedAtUtc });
        builder.HasOne<RunEntity>().WithMany().HasForeignKey(v => v.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

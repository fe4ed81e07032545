using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class RunAttemptEntityConfiguration : IEntityTypeConfiguration<RunAttemptEntity>
{
    public void Configure(EntityTypeBuilder<RunAttemptEntity> builder)
    {
        builder.ToTable("RunAttempts");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.RunId, a.Number }).IsUnique();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.FinishReason).HasMaxLength(50);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class RunEntityConfiguration : IEntityTypeConfiguration<RunEntity>
{
    public void Configure(EntityTypeBuilder<RunEntity> builder)
    {
        builder.ToTable("Runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.TemplateName).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Label).HasMaxLength(100);
        builder.Property(r => r.Provider).HasMaxLength(100);
        builder.Property(r => r.Model).HasMaxLength(200);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.StatusReason).HasMaxLength(500);
        builder.HasIndex(r => new { r.TemplateId, r.TemplateVersion });
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.CreatedAtUtc);
        builder.Property(r => r.StartedBy).HasMaxLength(200);
        // History filters (ADR-014): each common filter with the default sort (newest first) so a page is an index range.
        builder.HasIndex(r => new { r.TemplateName, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.TemplateName, r.Status, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.Status, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.Provider, r.Model, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.StartedBy, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.Model, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.AttemptCount, r.CreatedAtUtc });
        builder.Property(r => r.ExpectationKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ExpectationReason).HasMaxLength(2000);
        builder.HasIndex(r => new { r.BatchId, r.CaseIndex, r.SettingIndex });
        builder.HasOne<BatchEntity>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Attempts).WithOne().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

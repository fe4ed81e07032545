using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class AuditEntryEntityConfiguration : IEntityTypeConfiguration<AuditEntryEntity>
{
    public void Configure(EntityTypeBuilder<AuditEntryEntity> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.TargetKind).HasMaxLength(32).IsRequired();
        builder.Property(e => e.TargetId).HasMaxLength(450);
        builder.Property(e => e.TargetName).HasMaxLength(256);
        builder.Property(e => e.Details).HasMaxLength(1000);
        builder.Property(e => e.ClientIp).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredAtUtc);
        builder.HasIndex(e => new { e.ActorName, e.OccurredAtUtc });
        builder.HasIndex(e => new { e.Action, e.OccurredAtUtc });
        builder.HasIndex(e => new { e.TargetKind, e.TargetId });
    }
}

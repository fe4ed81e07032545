using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Core.Persistence.Configurations;

internal sealed class TestCaseEntityConfiguration : IEntityTypeConfiguration<TestCaseEntity>
{
    public void Configure(EntityTypeBuilder<TestCaseEntity> builder)
    {
        builder.ToTable("TestCases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.SetName).HasMaxLength(100).IsRequired();
        builder.Property(c => c.ExpectationKind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.TemplateId, c.SetName, c.Position });
        builder.HasOne<TemplateEntity>().WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

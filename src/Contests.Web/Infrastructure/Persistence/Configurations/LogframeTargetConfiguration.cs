using Contests.Core.Accounts;
using Contests.Core.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class LogframeTargetConfiguration : IEntityTypeConfiguration<LogframeTarget>
{
    public void Configure(EntityTypeBuilder<LogframeTarget> builder)
    {
        builder.ToTable("logframe_targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Indicator).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Value).HasPrecision(18, 2);
        // One target per indicator and year: two people saving the same target at once can't make two.
        builder.HasIndex(t => new { t.Indicator, t.Year }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UpdatedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

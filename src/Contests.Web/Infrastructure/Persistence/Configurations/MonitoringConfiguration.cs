using Contests.Core.Accounts;
using Contests.Core.Monitoring;
using Contests.Core.Rounds;
using Contests.Web.Features.Registry.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class FollowUpVisitConfiguration : IEntityTypeConfiguration<FollowUpVisit>
{
    public void Configure(EntityTypeBuilder<FollowUpVisit> builder)
    {
        builder.ToTable("follow_up_visits");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.VisitedBy).HasConversion<string>().HasMaxLength(8);
        builder.Property(v => v.VisitorName).HasMaxLength(FollowUpVisit.VisitorNameMaxLength).IsRequired();
        builder.Property(v => v.Notes).HasMaxLength(FollowUpVisit.NotesMaxLength);
        builder.Ignore(v => v.SpentTotal);
        builder.HasIndex(v => v.EntryId);
        builder.HasOne<Entry>().WithMany().HasForeignKey(v => v.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(v => v.ImportId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(v => v.Items, items =>
        {
            items.ToTable("follow_up_items");
            items.WithOwner().HasForeignKey("VisitId");
            items.HasKey("VisitId", nameof(FollowUpItem.Position));
            items.Property(i => i.Position).ValueGeneratedNever();
            items.Property(i => i.Quantity).HasPrecision(18, 3);
        });
        builder.Navigation(v => v.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(v => v.Spending, spending =>
        {
            spending.ToTable("follow_up_spending");
            spending.WithOwner().HasForeignKey("VisitId");
            spending.Property(s => s.Category).HasConversion<string>().HasMaxLength(16);
            spending.HasKey("VisitId", nameof(FollowUpSpending.Category));
        });
        builder.Navigation(v => v.Spending).HasField("_spending").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(v => v.Photos).WithOne().HasForeignKey(p => p.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Photos).HasField("_photos").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class FollowUpPhotoConfiguration : IEntityTypeConfiguration<FollowUpPhoto>
{
    public void Configure(EntityTypeBuilder<FollowUpPhoto> builder)
    {
        builder.ToTable("follow_up_photos");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.FileName).HasMaxLength(BaselinePhoto.FileNameMaxLength).IsRequired();
        builder.Property(p => p.ContentType).HasMaxLength(32).IsRequired();
        builder.Property(p => p.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(p => p.PhoneSha256).HasMaxLength(64).IsRequired();
        builder.HasIndex(p => new { p.VisitId, p.Sha256 }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UploadedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

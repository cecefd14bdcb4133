using Contests.Core.Accounts;
using Contests.Core.Judging;
using Contests.Core.Programmes;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class ActaConfiguration : IEntityTypeConfiguration<Acta>
{
    public void Configure(EntityTypeBuilder<Acta> builder)
    {
        builder.ToTable("actas");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Place).HasMaxLength(Acta.PlaceMaxLength).IsRequired();
        builder.Property(a => a.Revision).IsConcurrencyToken();
        builder.Property(a => a.Notes).HasColumnName("notes_json")
            .HasConversion(n => ExplanationJson.WriteNotes(n), s => ExplanationJson.ReadNotes(s), ExplanationJson.NotesComparer);
        builder.Ignore(a => a.Approved);
        builder.Ignore(a => a.Code);
        builder.Ignore(a => a.AllocationOverrides);
        builder.Ignore(a => a.Present);
        // The acta numbers of a local office and year are a sequence: the database refuses a number twice,
        // so two approvals at the same moment can't share one.
        builder.HasIndex(a => new { a.LocalOfficeId, a.Year, a.Number }).IsUnique();
        builder.HasIndex(a => a.RoundId);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LocalOffice>().WithMany().HasForeignKey(a => a.LocalOfficeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.OpenedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.ApprovedByUserId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(a => a.Attendance, attendance =>
        {
            attendance.ToTable("acta_attendance");
            attendance.WithOwner().HasForeignKey("ActaId");
            attendance.HasKey("ActaId", nameof(ActaAttendance.MemberId));
            attendance.HasOne<LracMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(a => a.Attendance).HasField("_attendance").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(a => a.Overrides, overrides =>
        {
            overrides.ToTable("acta_overrides");
            overrides.WithOwner().HasForeignKey("ActaId");
            overrides.HasKey("ActaId", nameof(ActaOverride.EntryId));
            overrides.Property(o => o.Reason).HasMaxLength(Acta.ReasonMaxLength).IsRequired();
            overrides.HasOne<Entry>().WithMany().HasForeignKey(o => o.EntryId).OnDelete(DeleteBehavior.Restrict);
            overrides.HasOne<User>().WithMany().HasForeignKey(o => o.ByUserId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(a => a.Overrides).HasField("_overrides").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.Awards).WithOne().HasForeignKey(w => w.ActaId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.Awards).HasField("_awards").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PrizeAwardConfiguration : IEntityTypeConfiguration<PrizeAward>
{
    public void Configure(EntityTypeBuilder<PrizeAward> builder)
    {
        builder.ToTable("awards");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.PoolKey).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Final).HasPrecision(12, 4);
        builder.Property(a => a.OverrideReason).HasMaxLength(Acta.ReasonMaxLength);
        builder.Property(a => a.Explanation).HasColumnName("explanation_json").IsRequired()
            .HasConversion(e => ExplanationJson.WriteList(e), s => ExplanationJson.ReadList(s), ExplanationJson.ListComparer);
        builder.Property(a => a.NotFundedReason).HasColumnName("not_funded_reason_json")
            .HasConversion(e => ExplanationJson.WriteOne(e), s => ExplanationJson.ReadOne(s), ExplanationJson.OneComparer);
        // One award per entry in an acta; the round's current awards are what payouts and documents use.
        builder.HasIndex(a => new { a.ActaId, a.EntryId }).IsUnique();
        builder.HasIndex(a => new { a.RoundId, a.Current });
        builder.HasIndex(a => a.EntryId);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(a => a.Funding, funding =>
        {
            funding.ToTable("award_funding");
            funding.WithOwner().HasForeignKey("AwardId");
            funding.HasKey("AwardId", nameof(AwardShare.FundingSourceId));
            funding.HasOne<FundingSource>().WithMany().HasForeignKey(f => f.FundingSourceId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(a => a.Funding).HasField("_funding").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.ToTable("appeals");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Appellant).HasMaxLength(Appeal.AppellantMaxLength).IsRequired();
        builder.Property(a => a.Grounds).HasMaxLength(Appeal.GroundsMaxLength).IsRequired();
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Resolution).HasMaxLength(Appeal.ResolutionMaxLength);
        builder.Property(a => a.Revision).IsConcurrencyToken();
        builder.Ignore(a => a.Open);
        builder.HasIndex(a => a.RoundId);
        builder.HasIndex(a => a.EntryId);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Acta>().WithMany().HasForeignKey(a => a.ActaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.SettledBy).WithMany().HasForeignKey(a => a.SettledByActaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.ResolvedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

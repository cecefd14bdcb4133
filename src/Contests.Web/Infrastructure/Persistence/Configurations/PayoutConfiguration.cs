using Contests.Core.Accounts;
using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.ToTable("payouts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.EndToEndId).HasMaxLength(Payout.EndToEndIdMaxLength).IsRequired();
        builder.Property(p => p.BeneficiaryName).HasMaxLength(Entry.NameMaxLength).IsRequired();
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.BankName).HasMaxLength(BankAccountDetails.BankNameMaxLength);
        builder.Property(p => p.AccountNumber).HasMaxLength(BankAccountDetails.AccountNumberMaxLength);
        builder.Property(p => p.Cci).HasMaxLength(20);
        builder.Property(p => p.CreditorName).HasMaxLength(BankAccountDetails.HolderNameMaxLength);
        builder.Property(p => p.Reference).HasMaxLength(Payout.ReferenceMaxLength);
        builder.Property(p => p.ReceivedBy).HasMaxLength(Payout.NameMaxLength);
        builder.Property(p => p.FailureReason).HasMaxLength(Payout.ReasonMaxLength);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.Ignore(p => p.NeedsAccount);
        builder.Ignore(p => p.IsOutstanding);
        // The bank echoes the end-to-end id: one payout per id, ever. And one live payout per award and
        // tranche: a reissue is the next version, so creating the payouts twice can't pay an award twice.
        builder.HasIndex(p => p.EndToEndId).IsUnique();
        builder.HasIndex(p => new { p.AwardId, p.Tranche, p.Version }).IsUnique();
        builder.HasIndex(p => new { p.RoundId, p.State });
        builder.HasIndex(p => new { p.BatchId, p.State });
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PrizeAward>().WithMany().HasForeignKey(p => p.AwardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(p => p.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<BankAccount>().WithMany().HasForeignKey(p => p.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PayoutBatch>().WithMany().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Payout>().WithMany().HasForeignKey(p => p.ReissueOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.ReissueOfId).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.ApprovedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.PaidRecordedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(p => p.Shares, shares =>
        {
            shares.ToTable("payout_shares");
            shares.WithOwner().HasForeignKey(s => s.PayoutId);
            shares.HasKey(s => new { s.PayoutId, s.FundingSourceId });
            shares.HasOne<FundingSource>().WithMany().HasForeignKey(s => s.FundingSourceId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(p => p.Shares).HasField("_shares").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(p => p.Conditions, conditions =>
        {
            conditions.ToTable("payout_conditions");
            conditions.WithOwner().HasForeignKey(c => c.PayoutId);
            conditions.HasKey(c => c.Id);
            conditions.Property(c => c.Kind).HasConversion<string>().HasMaxLength(24);
            conditions.Property(c => c.Note).HasMaxLength(Payout.ReasonMaxLength);
            conditions.HasIndex(c => new { c.PayoutId, c.Kind }).IsUnique();
            conditions.HasOne<User>().WithMany().HasForeignKey(c => c.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(p => p.Conditions).HasField("_conditions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PayoutBatchConfiguration : IEntityTypeConfiguration<PayoutBatch>
{
    public void Configure(EntityTypeBuilder<PayoutBatch> builder)
    {
        builder.ToTable("payout_batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.DebtorName).HasMaxLength(140).IsRequired();
        builder.Property(b => b.DebtorAccount).HasMaxLength(34).IsRequired();
        builder.Property(b => b.DebtorBic).HasMaxLength(11);
        builder.Property(b => b.LastError).HasMaxLength(PayoutBatch.ErrorMaxLength);
        builder.Property(b => b.ExecutedBy).HasMaxLength(200);
        builder.Property(b => b.XmlSha256).HasMaxLength(64);
        builder.Property(b => b.CsvSha256).HasMaxLength(64);
        builder.Property(b => b.Revision).IsConcurrencyToken();
        builder.Ignore(b => b.MessageId);
        builder.Ignore(b => b.IsDue);
        builder.HasIndex(b => b.State);
        builder.HasOne<User>().WithMany().HasForeignKey(b => b.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

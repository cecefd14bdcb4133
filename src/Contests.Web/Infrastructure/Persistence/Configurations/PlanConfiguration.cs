using Contests.Core.Accounts;
using Contests.Core.Documents;
using Contests.Core.Plans;
using Contests.Core.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class PlanReceiptConfiguration : IEntityTypeConfiguration<PlanReceipt>
{
    public void Configure(EntityTypeBuilder<PlanReceipt> builder)
    {
        builder.ToTable("plan_receipts");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SupplierRuc).HasMaxLength(11).IsRequired();
        builder.Property(r => r.DocumentType).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.DocumentNumber).HasMaxLength(PlanReceipt.DocumentNumberMaxLength).IsRequired();
        builder.Property(r => r.PaidBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Component).HasMaxLength(ContractTerms.ComponentNameMaxLength).IsRequired();
        builder.Ignore(r => r.Key);
        ProofColumns(builder);
        // A voucher proves one expense, in any plan: two officers recording it at once can't both succeed.
        builder.HasIndex(r => new { r.SupplierRuc, r.DocumentType, r.DocumentNumber }).IsUnique();
        builder.HasIndex(r => r.EntryId);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
    }

    /// <summary>The file columns of a record a file proves (a receipt, a deposit).</summary>
    internal static void ProofColumns<T>(EntityTypeBuilder<T> builder) where T : ProvenRecord
    {
        builder.Ignore(r => r.File);
        builder.Property(r => r.FileName).HasMaxLength(ProofFile.FileNameMaxLength);
        builder.Property(r => r.FileContentType).HasMaxLength(32);
        builder.Property(r => r.FileSha256).HasMaxLength(64);
    }
}

internal sealed class CounterpartDepositConfiguration : IEntityTypeConfiguration<CounterpartDeposit>
{
    public void Configure(EntityTypeBuilder<CounterpartDeposit> builder)
    {
        builder.ToTable("counterpart_deposits");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.BankReference).HasMaxLength(CounterpartDeposit.ReferenceMaxLength).IsRequired();
        PlanReceiptConfiguration.ProofColumns(builder);
        builder.HasIndex(d => d.EntryId);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(d => d.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    private static readonly ValueComparer<IReadOnlyList<ComponentProgress>> ProgressComparer = new(
        (a, b) => a!.SequenceEqual(b!), v => ContractJson.Write(v).GetHashCode(StringComparison.Ordinal), v => v);

    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.ToTable("progress_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Narrative).HasMaxLength(ProgressReport.NarrativeMaxLength).IsRequired();
        builder.Property(r => r.Progress).HasColumnName("progress_json").IsRequired()
            .HasConversion(p => ContractJson.Write(p), s => ContractJson.Read<ComponentProgress>(s), ProgressComparer);
        builder.Property(r => r.ApprovalActa).HasMaxLength(ProgressReport.ActaReferenceMaxLength);
        builder.Ignore(r => r.Approved);
        builder.Ignore(r => r.Late);
        builder.HasIndex(r => r.EntryId);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.ApprovalRecordedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportAttachmentConfiguration : IEntityTypeConfiguration<ReportAttachment>
{
    public void Configure(EntityTypeBuilder<ReportAttachment> builder)
    {
        builder.ToTable("report_attachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(ReportAttachment.FileNameMaxLength).IsRequired();
        builder.Property(a => a.Caption).HasMaxLength(ReportAttachment.CaptionMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(32).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UploadedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanCloseOutConfiguration : IEntityTypeConfiguration<PlanCloseOut>
{
    public void Configure(EntityTypeBuilder<PlanCloseOut> builder)
    {
        builder.ToTable("plan_close_outs");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.RefundReference).HasMaxLength(CounterpartDeposit.ReferenceMaxLength);
        // A plan is closed out once.
        builder.HasIndex(c => c.EntryId).IsUnique();
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(c => c.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(c => c.FinalReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.ClosedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

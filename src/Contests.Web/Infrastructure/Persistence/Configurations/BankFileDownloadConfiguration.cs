using Contests.Core.Accounts;
using Contests.Core.Payouts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class BankFileDownloadConfiguration : IEntityTypeConfiguration<BankFileDownload>
{
    public void Configure(EntityTypeBuilder<BankFileDownload> builder)
    {
        builder.ToTable("bank_file_downloads");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Format).HasMaxLength(BankFileDownload.FormatMaxLength).IsRequired();
        builder.Property(d => d.FileName).HasMaxLength(BankFileDownload.FileNameMaxLength).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsRequired();
        builder.HasOne<PayoutBatch>().WithMany().HasForeignKey(d => d.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("stored_files");
        builder.HasKey(f => f.Key);
        builder.Property(f => f.Key).HasMaxLength(StoredFile.KeyMaxLength);
        builder.Property(f => f.Content).IsRequired();
        builder.Property(f => f.ContentType).HasMaxLength(StoredFile.ContentTypeMaxLength).IsRequired();
        builder.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        // The bytes are not an audit fact (the document, photo or batch row that names them is audited, with its SHA-256).
        builder.ExcludedFromAudit();
    }
}

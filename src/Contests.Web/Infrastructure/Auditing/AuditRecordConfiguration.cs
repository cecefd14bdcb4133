using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Auditing;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("audit_records");
        builder.ExcludedFromAudit();
        builder.HasKey(a => a.Id);
        // One record per sequence number: two writers racing for the same link fail instead of forking the chain.
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.Property(a => a.Actor).HasMaxLength(AuditRecord.ActorMaxLength).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(16).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(AuditRecord.EntityTypeMaxLength).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(AuditRecord.EntityIdMaxLength).IsRequired();
        builder.Property(a => a.PreviousHash).HasMaxLength(64).IsFixedLength(false).IsRequired();
        builder.Property(a => a.Hash).HasMaxLength(64).IsRequired();
    }
}

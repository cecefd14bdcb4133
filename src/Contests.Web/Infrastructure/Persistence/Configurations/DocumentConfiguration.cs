using System.Text.Json;
using System.Text.Json.Serialization;
using Contests.Core.Accounts;
using Contests.Core.Documents;
using Contests.Core.Payouts;
using Contests.Core.Registry;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Features.Documents;
using Contests.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private static readonly ValueComparer<IReadOnlyList<DocumentFact>> FactsComparer = new(
        (a, b) => Write(a!) == Write(b!), v => Write(v).GetHashCode(StringComparison.Ordinal), v => v);

    public void Configure(EntityTypeBuilder<IssuedDocument> builder)
    {
        builder.ToTable("documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(8);
        builder.Property(d => d.Number).HasMaxLength(20).IsRequired();
        builder.Property(d => d.Code).HasMaxLength(VerificationCode.IdLength).IsRequired();
        builder.Property(d => d.SubjectKey).HasMaxLength(64).IsRequired();
        builder.Property(d => d.Title).HasMaxLength(IssuedDocument.TitleMaxLength).IsRequired();
        builder.Property(d => d.Holder).HasMaxLength(IssuedDocument.HolderMaxLength).IsRequired();
        builder.Property(d => d.Facts).HasColumnName("facts_json").IsRequired()
            .HasConversion(f => Write(f), s => Read(s), FactsComparer);
        builder.Property(d => d.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(d => d.VoidReason).HasMaxLength(IssuedDocument.ReasonMaxLength);
        builder.Ignore(d => d.Valid);
        // Numbers are a kind's yearly sequence; codes are what the public page looks up.
        builder.HasIndex(d => new { d.Kind, d.Year, d.Sequence }).IsUnique();
        builder.HasIndex(d => d.Number).IsUnique();
        builder.HasIndex(d => d.Code).IsUnique();
        // One valid document per kind and subject: a second pack or a double click can't issue twice.
        builder.HasIndex(d => new { d.Kind, d.SubjectKey }).IsUnique().HasFilter("state = 'Valid'").HasDatabaseName("ux_documents_valid_subject");
        builder.HasIndex(d => new { d.RoundId, d.Kind });
        builder.HasIndex(d => d.PackId);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PrizeAward>().WithMany().HasForeignKey(d => d.AwardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(d => d.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(d => d.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Acta>().WithMany().HasForeignKey(d => d.ActaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PayoutBatch>().WithMany().HasForeignKey(d => d.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DocumentPack>().WithMany().HasForeignKey(d => d.PackId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IssuedDocument>().WithMany().HasForeignKey(d => d.ReplacesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.ReplacesId).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.IssuedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.VoidedByUserId).OnDelete(DeleteBehavior.Restrict);
    }

    private static string Write(IReadOnlyList<DocumentFact> facts) => JsonSerializer.Serialize(facts, Json);

    private static List<DocumentFact> Read(string json) => JsonSerializer.Deserialize<List<DocumentFact>>(json, Json) ?? [];
}

internal sealed class DocumentPackConfiguration : IEntityTypeConfiguration<DocumentPack>
{
    public void Configure(EntityTypeBuilder<DocumentPack> builder)
    {
        builder.ToTable("document_packs");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.CeremonyPlace).HasMaxLength(DocumentPack.PlaceMaxLength).IsRequired();
        builder.Property(p => p.BaseUrl).HasMaxLength(300).IsRequired();
        builder.Property(p => p.Error).HasMaxLength(DocumentPack.ErrorMaxLength);
        builder.Property(p => p.PdfSha256).HasMaxLength(64);
        builder.Property(p => p.ZipSha256).HasMaxLength(64);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.Ignore(p => p.Finished);
        builder.Ignore(p => p.Percent);
        builder.HasIndex(p => new { p.RoundId, p.State });
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(p => p.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.RequestedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.CancelledByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DocumentKeyConfiguration : IEntityTypeConfiguration<DocumentKey>
{
    public void Configure(EntityTypeBuilder<DocumentKey> builder)
    {
        builder.ToTable("document_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.ProtectedKey).HasMaxLength(2000).IsRequired();
        // A secret: kept out of the audit trail (the record that it was created would carry it).
        builder.ExcludedFromAudit();
    }
}

internal sealed class ContractTemplateConfiguration : IEntityTypeConfiguration<ContractTemplate>
{
    private static readonly ValueComparer<IReadOnlyList<ContractClause>> ClausesComparer = new(
        (a, b) => a!.SequenceEqual(b!), v => ContractJson.Write(v).GetHashCode(StringComparison.Ordinal), v => v);

    public void Configure(EntityTypeBuilder<ContractTemplate> builder)
    {
        builder.ToTable("contract_templates");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.Version).IsUnique();
        builder.Property(t => t.Clauses).HasColumnName("clauses_json").IsRequired()
            .HasConversion(c => ContractJson.Write(c), s => ContractJson.Read<ContractClause>(s), ClausesComparer);
        builder.Property(t => t.Note).HasMaxLength(ContractTemplate.NoteMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DonationContractConfiguration : IEntityTypeConfiguration<DonationContract>
{
    private static readonly ValueComparer<IReadOnlyList<ContractComponent>> ComponentsComparer = new(
        (a, b) => a!.SequenceEqual(b!), v => ContractJson.Write(v).GetHashCode(StringComparison.Ordinal), v => v);

    public void Configure(EntityTypeBuilder<DonationContract> builder)
    {
        builder.ToTable("donation_contracts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Components).HasColumnName("components_json").IsRequired()
            .HasConversion(c => ContractJson.Write(c), s => ContractJson.Read<ContractComponent>(s), ComponentsComparer);
        builder.Property(c => c.Place).HasMaxLength(ContractTerms.PlaceMaxLength).IsRequired();
        builder.Ignore(c => c.Terms);
        builder.HasOne(c => c.Document).WithOne().HasForeignKey<DonationContract>(c => c.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.EntryId);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(c => c.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PrizeAward>().WithMany().HasForeignKey(c => c.AwardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Acta>().WithMany().HasForeignKey(c => c.ActaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContractAddendumConfiguration : IEntityTypeConfiguration<ContractAddendum>
{
    public void Configure(EntityTypeBuilder<ContractAddendum> builder)
    {
        builder.ToTable("contract_addenda");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Component).HasMaxLength(ContractTerms.ComponentNameMaxLength);
        builder.Property(a => a.Reason).HasMaxLength(ContractAddendum.ReasonMaxLength).IsRequired();
        builder.HasOne(a => a.Document).WithOne().HasForeignKey<ContractAddendum>(a => a.DocumentId).OnDelete(DeleteBehavior.Restrict);
        // Numbered within its contract: a double click can't number two addenda alike.
        builder.HasIndex(a => new { a.ContractId, a.Number }).IsUnique();
        builder.HasOne<DonationContract>().WithMany().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Acta>().WithMany().HasForeignKey(a => a.ActaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Lists of records as JSON text (the same on SQLite and PostgreSQL).</summary>
internal static class ContractJson
{
    public static string Write<T>(IReadOnlyList<T> items) => JsonSerializer.Serialize(items);

    public static List<T> Read<T>(string json) => JsonSerializer.Deserialize<List<T>>(json) ?? [];
}

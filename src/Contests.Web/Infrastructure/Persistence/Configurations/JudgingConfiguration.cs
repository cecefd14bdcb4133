using System.Text.Json;
using Contests.Core.Accounts;
using Contests.Core.Judging;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class LracMemberConfiguration : IEntityTypeConfiguration<LracMember>
{
    public void Configure(EntityTypeBuilder<LracMember> builder)
    {
        builder.ToTable("lrac_members");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.FullName).HasMaxLength(LracMemberDetails.NameMaxLength).IsRequired();
        builder.Property(m => m.Dni).HasMaxLength(Dni.Length).IsRequired();
        builder.Property(m => m.Affiliation).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.AffiliationName).HasMaxLength(LracMemberDetails.NameMaxLength);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        // One seat per person per round, and one account per seat: the account is how a juror is told
        // apart from another in every authorization check.
        builder.HasIndex(m => new { m.RoundId, m.Dni }).IsUnique();
        builder.HasIndex(m => new { m.RoundId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeclaredConflictConfiguration : IEntityTypeConfiguration<DeclaredConflict>
{
    public void Configure(EntityTypeBuilder<DeclaredConflict> builder)
    {
        builder.ToTable("lrac_declared_conflicts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reason).HasMaxLength(DeclaredConflict.ReasonMaxLength).IsRequired();
        builder.HasIndex(c => new { c.MemberId, c.EntryId }).IsUnique();
        builder.HasIndex(c => c.EntryId);
        builder.HasOne<LracMember>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Entry>().WithMany().HasForeignKey(c => c.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.DeclaredByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScoreSheetConfiguration : IEntityTypeConfiguration<ScoreSheet>
{
    public void Configure(EntityTypeBuilder<ScoreSheet> builder)
    {
        builder.ToTable("score_sheets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.JurorId).HasColumnName("member_id");
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Comments).HasMaxLength(ScoreSheet.CommentsMaxLength);
        builder.Property(s => s.ReopenReason).HasMaxLength(ScoreSheet.ReasonMaxLength);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.Ignore(s => s.Points);
        builder.Ignore(s => s.Achieved);
        builder.Ignore(s => s.Untouched);
        // Points are read and written with the sheet, never queried one by one: a short JSON array in
        // criterion order ("[12.5,null,8]") keeps the sheet one row.
        builder.Property<List<decimal?>>("_points").HasColumnName("points").HasMaxLength(1000).IsRequired()
            .HasConversion(v => DecimalList.Write(v), s => DecimalList.Read(s), DecimalList.Comparer);
        builder.Property<List<decimal?>>("_achieved").HasColumnName("achieved").HasMaxLength(1000).IsRequired()
            .HasConversion(v => DecimalList.Write(v), s => DecimalList.Read(s), DecimalList.Comparer);
        // One sheet per juror, entry and part: the database holds the rule, so no retry or race makes two.
        builder.HasIndex(s => new { s.EntryId, s.JurorId, s.PartIndex }).IsUnique();
        builder.HasIndex(s => s.JurorId);
        builder.HasOne<Entry>().WithMany().HasForeignKey(s => s.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LracMember>().WithMany().HasForeignKey(s => s.JurorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.TypedByOfficerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A list of optional decimals as a JSON array (<c>null</c> is a missing value).</summary>
internal static class DecimalList
{
    public static readonly ValueComparer<List<decimal?>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList());

    public static string Write(List<decimal?> values) => JsonSerializer.Serialize(values);

    public static List<decimal?> Read(string text) => JsonSerializer.Deserialize<List<decimal?>>(text) ?? [];
}

using Contests.Core.Accounts;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class ContestRoundConfiguration : IEntityTypeConfiguration<ContestRound>
{
    public void Configure(EntityTypeBuilder<ContestRound> builder)
    {
        builder.ToTable("rounds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(RoundSetup.NameMaxLength).IsRequired();
        builder.Property(r => r.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.PoolBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Phase).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.Ignore(r => r.CurrentRules);
        builder.Ignore(r => r.Scope);
        builder.Ignore(r => r.SetupLocked);
        builder.Ignore(r => r.RulesLocked);
        builder.HasIndex(r => r.ProgrammeId);
        builder.HasOne<Programme>().WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LocalOffice>().WithMany().HasForeignKey(r => r.LocalOfficeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        Collection(builder, r => r.Themes, "_themes", t => t.RoundId);
        Collection(builder, r => r.ScopeItems, "_scope", s => s.RoundId);
        Collection(builder, r => r.Categories, "_categories", c => c.RoundId);
        Collection(builder, r => r.RulesVersions, "_versions", v => v.RoundId);
        Collection(builder, r => r.Schedule, "_schedule", s => s.RoundId);
        Collection(builder, r => r.PhaseChanges, "_phaseChanges", c => c.RoundId);
    }

    private static void Collection<T>(EntityTypeBuilder<ContestRound> builder, System.Linq.Expressions.Expression<Func<ContestRound, IEnumerable<T>?>> navigation,
        string field, System.Linq.Expressions.Expression<Func<T, object?>> key) where T : class
    {
        builder.HasMany(navigation).WithOne().HasForeignKey(key).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(navigation!).HasField(field).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class RoundThemeConfiguration : IEntityTypeConfiguration<RoundTheme>
{
    public void Configure(EntityTypeBuilder<RoundTheme> builder)
    {
        builder.ToTable("round_themes");
        builder.HasKey(t => new { t.RoundId, t.Theme });
        builder.Property(t => t.Theme).HasConversion<string>().HasMaxLength(32);
    }
}

internal sealed class RoundScopeItemConfiguration : IEntityTypeConfiguration<RoundScopeItem>
{
    public void Configure(EntityTypeBuilder<RoundScopeItem> builder)
    {
        builder.ToTable("round_scope");
        builder.HasKey(s => new { s.RoundId, s.Kind, s.Key });
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Key).HasMaxLength(16);
    }
}

internal sealed class RoundCategoryConfiguration : IEntityTypeConfiguration<RoundCategory>
{
    public void Configure(EntityTypeBuilder<RoundCategory> builder)
    {
        builder.ToTable("round_categories");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(RoundSetup.CategoryMaxLength).IsRequired();
        builder.HasIndex(c => new { c.RoundId, c.Name }).IsUnique();
    }
}

internal sealed class RoundRulesVersionConfiguration : IEntityTypeConfiguration<RoundRulesVersion>
{
    public void Configure(EntityTypeBuilder<RoundRulesVersion> builder)
    {
        builder.ToTable("round_rules_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.RoundId, v.Number }).IsUnique();
        builder.Property(v => v.Reason).HasMaxLength(RoundRulesVersion.ReasonMaxLength);
        builder.Property(v => v.Rules).HasColumnName("rules_json").IsRequired()
            .HasConversion(r => RoundRulesJson.Write(r), s => RoundRulesJson.Read(s),
                new ValueComparer<RoundRules>((a, b) => RoundRulesJson.Write(a!) == RoundRulesJson.Write(b!),
                    r => RoundRulesJson.Write(r).GetHashCode(StringComparison.Ordinal), r => r));
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScheduledTransitionConfiguration : IEntityTypeConfiguration<ScheduledTransition>
{
    public void Configure(EntityTypeBuilder<ScheduledTransition> builder)
    {
        builder.ToTable("round_schedule");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.ToPhase).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.FailureCodes).HasMaxLength(ScheduledTransition.OutcomeMaxLength);
        builder.Property(s => s.FailureDetail).HasMaxLength(ScheduledTransition.OutcomeMaxLength);
        builder.HasIndex(s => s.RoundId);
    }
}

internal sealed class PhaseChangeConfiguration : IEntityTypeConfiguration<PhaseChange>
{
    public void Configure(EntityTypeBuilder<PhaseChange> builder)
    {
        builder.ToTable("round_phase_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(c => c.RoundId);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EntryConfiguration : IEntityTypeConfiguration<Entry>
{
    public void Configure(EntityTypeBuilder<Entry> builder)
    {
        builder.ToTable("entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.CompetitorKey).HasMaxLength(16).IsRequired();
        builder.Property(e => e.CompetitorName).HasMaxLength(Entry.NameMaxLength).IsRequired();
        builder.Property(e => e.DistrictUbigeo).HasMaxLength(Ubigeo.Length).IsRequired();
        builder.Property(e => e.PoolKey).HasMaxLength(100).IsRequired();
        builder.Property(e => e.PoolName).HasMaxLength(Entry.NameMaxLength).IsRequired();
        builder.Property(e => e.Category).HasMaxLength(RoundSetup.CategoryMaxLength);
        builder.Property(e => e.PlanTitle).HasMaxLength(Entry.PlanTitleMaxLength);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.StatusReason).HasMaxLength(Entry.ReasonMaxLength);
        builder.Property(e => e.Revision).IsConcurrencyToken();
        builder.Ignore(e => e.HasBaseline);
        // Fixed at entry, never recomputed from the registry: the indicators count a household as it was.
        builder.OwnsOne(e => e.Facts, f =>
        {
            f.Property(x => x.HeadSex).HasColumnName("facts_head_sex").HasConversion<string>().HasMaxLength(8);
            f.Property(x => x.AgeAtEntry).HasColumnName("facts_age_at_entry");
            f.Property(x => x.WomenHeaded).HasColumnName("facts_women_headed");
            f.Property(x => x.MotherTongue).HasColumnName("facts_mother_tongue").HasConversion<string>().HasMaxLength(16);
            f.Property(x => x.Education).HasColumnName("facts_education").HasConversion<string>().HasMaxLength(24);
            f.Property(x => x.Persons).HasColumnName("facts_persons");
        });
        // One entry per competitor per round: the database holds the rule too, so two officers
        // registering the same household at the same moment can't both succeed.
        builder.HasIndex(e => new { e.RoundId, e.CompetitorKey }).IsUnique().HasFilter("status <> 'Withdrawn'");
        builder.HasIndex(e => new { e.RoundId, e.Number }).IsUnique();
        builder.HasIndex(e => e.HouseholdId);
        builder.HasIndex(e => e.OrganizationId);
        // The indicators filter by district and list the districts with entries.
        builder.HasIndex(e => e.DistrictUbigeo);
        builder.HasOne<ContestRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Household>().WithMany().HasForeignKey(e => e.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Community>().WithMany().HasForeignKey(e => e.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.RegisteredByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.StatusChangedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Baseline).WithOne().HasForeignKey(b => b.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Baseline).HasField("_baseline").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.Photos).WithOne().HasForeignKey(p => p.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Photos).HasField("_photos").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BaselineItemConfiguration : IEntityTypeConfiguration<BaselineItem>
{
    public void Configure(EntityTypeBuilder<BaselineItem> builder)
    {
        builder.ToTable("baseline_items");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Activity).HasMaxLength(BaselineItem.ActivityMaxLength).IsRequired();
        builder.Property(b => b.Unit).HasMaxLength(BaselineItem.UnitMaxLength).IsRequired();
        builder.Property(b => b.Notes).HasMaxLength(BaselineItem.NotesMaxLength);
        builder.Property(b => b.Quantity).HasPrecision(18, 3);
        builder.HasIndex(b => b.EntryId);
    }
}

internal sealed class BaselinePhotoConfiguration : IEntityTypeConfiguration<BaselinePhoto>
{
    public void Configure(EntityTypeBuilder<BaselinePhoto> builder)
    {
        builder.ToTable("baseline_photos");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.FileName).HasMaxLength(BaselinePhoto.FileNameMaxLength).IsRequired();
        builder.Property(p => p.ContentType).HasMaxLength(32).IsRequired();
        builder.Property(p => p.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(p => p.PhoneSha256).HasMaxLength(64);
        builder.HasIndex(p => new { p.EntryId, p.Sha256 }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UploadedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

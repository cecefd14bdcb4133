using Contests.Core.Accounts;
using Contests.Core.Impact;
using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("surveys");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(Survey.NameMaxLength).IsRequired();
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Indicators).WithOne().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Indicators).HasField("_indicators").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Waves).WithOne().HasForeignKey(w => w.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Waves).HasField("_waves").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SurveyIndicatorConfiguration : IEntityTypeConfiguration<SurveyIndicator>
{
    public void Configure(EntityTypeBuilder<SurveyIndicator> builder)
    {
        builder.ToTable("survey_indicators");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Code).HasMaxLength(SurveyIndicator.CodeMaxLength).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(SurveyIndicator.NameMaxLength).IsRequired();
        builder.HasIndex(i => new { i.SurveyId, i.Code }).IsUnique();
    }
}

internal sealed class SurveyWaveConfiguration : IEntityTypeConfiguration<SurveyWave>
{
    public void Configure(EntityTypeBuilder<SurveyWave> builder)
    {
        builder.ToTable("survey_waves");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Name).HasMaxLength(SurveyWave.NameMaxLength).IsRequired();
        builder.HasIndex(w => new { w.SurveyId, w.Date }).IsUnique();
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> builder)
    {
        builder.ToTable("survey_answers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Value).HasPrecision(18, SurveyAnswer.MaxDecimals);
        // One value per household, wave and indicator: an import or a second typist can't add a second one.
        builder.HasIndex(a => new { a.WaveId, a.HouseholdId, a.IndicatorId }).IsUnique();
        builder.HasOne<SurveyWave>().WithMany().HasForeignKey(a => a.WaveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SurveyIndicator>().WithMany().HasForeignKey(a => a.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(a => a.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

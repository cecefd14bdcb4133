using Contests.Core.Programmes;
using Contests.Core.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.ToTable("programmes");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(Programme.NameMaxLength).IsRequired();
        builder.Property(p => p.Funder).HasMaxLength(Programme.FunderMaxLength).IsRequired();
        builder.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        builder.HasMany(p => p.Offices).WithOne().HasForeignKey(o => o.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Offices).HasField("_offices").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LocalOfficeConfiguration : IEntityTypeConfiguration<LocalOffice>
{
    public void Configure(EntityTypeBuilder<LocalOffice> builder)
    {
        builder.ToTable("local_offices");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(LocalOffice.NameMaxLength).IsRequired();
        builder.Property(o => o.City).HasMaxLength(LocalOffice.CityMaxLength).IsRequired();
        builder.Property(o => o.ChiefName).HasMaxLength(LocalOffice.ChiefNameMaxLength).IsRequired();
        builder.HasIndex(o => o.ProgrammeId);
    }
}

internal sealed class FundingSourceConfiguration : IEntityTypeConfiguration<FundingSource>
{
    public void Configure(EntityTypeBuilder<FundingSource> builder)
    {
        builder.ToTable("funding_sources");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Name).HasMaxLength(FundingSource.NameMaxLength).IsRequired();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Ignore(f => f.Allocated);
        builder.Ignore(f => f.Paid);
        builder.Ignore(f => f.Balance);
        builder.HasOne<Programme>().WithMany().HasForeignKey(f => f.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Themes).WithOne().HasForeignKey(t => t.FundingSourceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Themes).HasField("_themes").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasMany(f => f.Districts).WithOne().HasForeignKey(d => d.FundingSourceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Districts).HasField("_districts").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasMany(f => f.Movements).WithOne().HasForeignKey(m => m.FundingSourceId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(f => f.Movements).HasField("_movements").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class FundingSourceThemeConfiguration : IEntityTypeConfiguration<FundingSourceTheme>
{
    public void Configure(EntityTypeBuilder<FundingSourceTheme> builder)
    {
        builder.ToTable("funding_source_themes");
        builder.HasKey(t => new { t.FundingSourceId, t.Theme });
        builder.Property(t => t.Theme).HasConversion<string>().HasMaxLength(32);
    }
}

internal sealed class FundingSourceDistrictConfiguration : IEntityTypeConfiguration<FundingSourceDistrict>
{
    public void Configure(EntityTypeBuilder<FundingSourceDistrict> builder)
    {
        builder.ToTable("funding_source_districts");
        builder.HasKey(d => new { d.FundingSourceId, d.Ubigeo });
        builder.Property(d => d.Ubigeo).HasMaxLength(Ubigeo.Length);
        builder.HasOne<District>().WithMany().HasForeignKey(d => d.Ubigeo).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FundingMovementConfiguration : IEntityTypeConfiguration<FundingMovement>
{
    public void Configure(EntityTypeBuilder<FundingMovement> builder)
    {
        builder.ToTable("funding_movements");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Reason).HasMaxLength(FundingSource.ReasonMaxLength).IsRequired();
        builder.HasIndex(m => m.FundingSourceId);
        builder.HasOne<Core.Accounts.User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Persistence.Configurations;

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> builder)
    {
        builder.ToTable("communities");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(CommunityDetails.NameMaxLength).IsRequired();
        builder.Property(c => c.NameKey).HasMaxLength(CommunityDetails.NameMaxLength).IsRequired();
        builder.Property(c => c.DistrictUbigeo).HasMaxLength(Ubigeo.Length).IsRequired();
        builder.Property(c => c.RegistryNumber).HasMaxLength(CommunityDetails.RegistryNumberMaxLength);
        builder.HasIndex(c => new { c.DistrictUbigeo, c.NameKey }).IsUnique();
        builder.HasOne<District>().WithMany().HasForeignKey(c => c.DistrictUbigeo).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(c => c.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WatershedConfiguration : IEntityTypeConfiguration<Watershed>
{
    public void Configure(EntityTypeBuilder<Watershed> builder)
    {
        builder.ToTable("watersheds");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Name).HasMaxLength(Watershed.NameMaxLength).IsRequired();
        builder.Property(w => w.NameKey).HasMaxLength(Watershed.NameMaxLength).IsRequired();
        builder.HasIndex(w => w.NameKey).IsUnique();
        builder.HasMany(w => w.Communities).WithOne().HasForeignKey(c => c.WatershedId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(w => w.Communities).HasField("_communities").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WatershedCommunityConfiguration : IEntityTypeConfiguration<WatershedCommunity>
{
    public void Configure(EntityTypeBuilder<WatershedCommunity> builder)
    {
        builder.ToTable("watershed_communities");
        builder.HasKey(c => new { c.WatershedId, c.CommunityId });
        builder.HasOne<Community>().WithMany().HasForeignKey(c => c.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.CommunityId);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> builder)
    {
        builder.ToTable("households");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.HeadFirstNames).HasMaxLength(HouseholdDetails.NameMaxLength).IsRequired();
        builder.Property(h => h.HeadLastNames).HasMaxLength(HouseholdDetails.NameMaxLength).IsRequired();
        builder.Property(h => h.HeadDni).HasMaxLength(Dni.Length).IsRequired();
        builder.Property(h => h.HeadSex).HasConversion<string>().HasMaxLength(8);
        builder.Property(h => h.PartnerFirstNames).HasMaxLength(HouseholdDetails.NameMaxLength);
        builder.Property(h => h.PartnerLastNames).HasMaxLength(HouseholdDetails.NameMaxLength);
        builder.Property(h => h.PartnerDni).HasMaxLength(Dni.Length);
        builder.Property(h => h.PartnerSex).HasConversion<string>().HasMaxLength(8);
        builder.Property(h => h.Phone).HasMaxLength(HouseholdDetails.PhoneMaxLength);
        builder.Property(h => h.MotherTongue).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Education).HasConversion<string>().HasMaxLength(24);
        builder.Ignore(h => h.Profile);
        builder.Property(h => h.NameKey).HasMaxLength(HouseholdDetails.NameKeyMaxLength).IsRequired();
        builder.HasIndex(h => h.HeadDni).IsUnique();
        builder.HasIndex(h => h.PartnerDni);
        builder.HasIndex(h => new { h.CommunityId, h.HeadLastNames });
        builder.HasOne<Community>().WithMany().HasForeignKey(h => h.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(h => h.ImportId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(h => h.HeadFullName);
        builder.HasMany(h => h.Memberships).WithOne().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(h => h.Memberships).HasField("_memberships").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class HouseholdMembershipConfiguration : IEntityTypeConfiguration<HouseholdMembership>
{
    public void Configure(EntityTypeBuilder<HouseholdMembership> builder)
    {
        builder.ToTable("household_memberships");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.HouseholdId);
        builder.HasIndex(m => m.CommunityId);
        builder.HasOne<Community>().WithMany().HasForeignKey(m => m.CommunityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(OrganizationDetails.NameMaxLength).IsRequired();
        builder.Property(o => o.NameKey).HasMaxLength(OrganizationDetails.NameMaxLength).IsRequired();
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Ruc).HasMaxLength(Ruc.Length);
        builder.Property(o => o.RegistryNumber).HasMaxLength(OrganizationDetails.RegistryNumberMaxLength);
        builder.Property(o => o.DistrictUbigeo).HasMaxLength(Ubigeo.Length).IsRequired();
        builder.Property(o => o.PresidentName).HasMaxLength(OrganizationDetails.PersonNameMaxLength).IsRequired();
        builder.Property(o => o.PresidentDni).HasMaxLength(Dni.Length).IsRequired();
        builder.Property(o => o.TreasurerName).HasMaxLength(OrganizationDetails.PersonNameMaxLength).IsRequired();
        builder.Property(o => o.TreasurerDni).HasMaxLength(Dni.Length).IsRequired();
        builder.HasIndex(o => o.Ruc).IsUnique();
        builder.HasIndex(o => new { o.DistrictUbigeo, o.NameKey }).IsUnique();
        builder.HasOne<District>().WithMany().HasForeignKey(o => o.DistrictUbigeo).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(o => o.ImportId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(o => o.IsWomensOrganization);
        builder.HasMany(o => o.Members).WithOne().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OrganizationMemberConfiguration : IEntityTypeConfiguration<OrganizationMember>
{
    public void Configure(EntityTypeBuilder<OrganizationMember> builder)
    {
        builder.ToTable("organization_members");
        builder.HasKey(m => new { m.OrganizationId, m.HouseholdId });
        builder.HasIndex(m => m.HouseholdId);
        builder.HasOne<Household>().WithMany().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> builder)
    {
        builder.ToTable("bank_accounts", t => t.HasCheckConstraint("ck_bank_accounts_one_holder",
            "(CASE WHEN community_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN household_id IS NULL THEN 0 ELSE 1 END) = 1"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.BankName).HasMaxLength(BankAccountDetails.BankNameMaxLength).IsRequired();
        builder.Property(a => a.AccountNumber).HasMaxLength(BankAccountDetails.AccountNumberMaxLength).IsRequired();
        builder.Property(a => a.Cci).HasMaxLength(Cci.Length).IsRequired();
        builder.Property(a => a.HolderName).HasMaxLength(BankAccountDetails.HolderNameMaxLength).IsRequired();
        builder.Property(a => a.VerifiedByName).HasMaxLength(Core.Accounts.User.DisplayNameMaxLength);
        builder.Ignore(a => a.IsVerified);
        builder.Ignore(a => a.CanReceivePayments);
        builder.Ignore(a => a.HolderKind);
        builder.Ignore(a => a.HolderId);
        builder.HasIndex(a => a.Cci);
        builder.HasOne<Community>().WithMany().HasForeignKey(a => a.CommunityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Core.Accounts.User>().WithMany().HasForeignKey(a => a.VerifiedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Core.Accounts.User>().WithMany().HasForeignKey(a => a.EnteredByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> builder)
    {
        builder.ToTable("imports");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.FileName).HasMaxLength(ImportRecord.FileNameMaxLength).IsRequired();
        builder.Property(i => i.Sha256).HasMaxLength(64).IsRequired();
        builder.HasOne<Core.Accounts.User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

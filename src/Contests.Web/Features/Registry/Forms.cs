using System.ComponentModel.DataAnnotations;
using Contests.Core.Registry;

namespace Contests.Web.Features.Registry;

// Forms carry what was typed, as text, so nothing is lost to a binding error: the domain's parsers
// (Core) check it and say what is wrong field by field. [Display] only names the labels.

public sealed class HouseholdForm
{
    public int? Id { get; set; }

    [Display(Name = "Field.CommunityId")]
    public int? CommunityId { get; set; }

    [Display(Name = "Field.HeadFirstNames")]
    public string? HeadFirstNames { get; set; }

    [Display(Name = "Field.HeadLastNames")]
    public string? HeadLastNames { get; set; }

    [Display(Name = "Field.HeadDni")]
    public string? HeadDni { get; set; }

    [Display(Name = "Field.HeadSex")]
    public string? HeadSex { get; set; }

    [Display(Name = "Field.HeadBirthYear")]
    public string? HeadBirthYear { get; set; }

    [Display(Name = "Field.PartnerFirstNames")]
    public string? PartnerFirstNames { get; set; }

    [Display(Name = "Field.PartnerLastNames")]
    public string? PartnerLastNames { get; set; }

    [Display(Name = "Field.PartnerDni")]
    public string? PartnerDni { get; set; }

    [Display(Name = "Field.PartnerSex")]
    public string? PartnerSex { get; set; }

    [Display(Name = "Field.Members")]
    public string? Members { get; set; }

    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Field.MotherTongue")]
    public string? MotherTongue { get; set; }

    [Display(Name = "Field.Education")]
    public string? Education { get; set; }

    public HouseholdInput ToInput() => new()
    {
        HeadFirstNames = HeadFirstNames, HeadLastNames = HeadLastNames, HeadDni = HeadDni, HeadSex = HeadSex, HeadBirthYear = HeadBirthYear,
        PartnerFirstNames = PartnerFirstNames, PartnerLastNames = PartnerLastNames, PartnerDni = PartnerDni, PartnerSex = PartnerSex,
        Members = Members, Phone = Phone, MotherTongue = MotherTongue, Education = Education,
    };

    public static HouseholdForm From(Household h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new HouseholdForm
        {
            Id = h.Id, CommunityId = h.CommunityId, HeadFirstNames = h.HeadFirstNames, HeadLastNames = h.HeadLastNames, HeadDni = h.HeadDni,
            HeadSex = h.HeadSex == Sex.Female ? "F" : "M", HeadBirthYear = h.HeadBirthYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PartnerFirstNames = h.PartnerFirstNames, PartnerLastNames = h.PartnerLastNames, PartnerDni = h.PartnerDni,
            PartnerSex = h.PartnerSex switch { Sex.Female => "F", Sex.Male => "M", _ => null },
            Members = h.Members.ToString(System.Globalization.CultureInfo.InvariantCulture), Phone = h.Phone,
            MotherTongue = h.MotherTongue?.ToString(), Education = h.Education?.ToString(),
        };
    }
}

public sealed class CommunityForm
{
    public int? Id { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Ubigeo")]
    public string? Ubigeo { get; set; }

    [Display(Name = "Field.RegistryNumber")]
    public string? RegistryNumber { get; set; }

    public CommunityInput ToInput() => new() { Name = Name, Ubigeo = Ubigeo, RegistryNumber = RegistryNumber };
}

public sealed class WatershedForm
{
    public int? Id { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.CommunityIds")]
    public List<int> CommunityIds { get; set; } = [];
}

public sealed class OrganizationForm
{
    public int? Id { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Type")]
    public string? Type { get; set; }

    [Display(Name = "Field.Ruc")]
    public string? Ruc { get; set; }

    [Display(Name = "Field.RegistryNumber")]
    public string? RegistryNumber { get; set; }

    [Display(Name = "Field.Ubigeo")]
    public string? Ubigeo { get; set; }

    [Display(Name = "Field.PresidentName")]
    public string? PresidentName { get; set; }

    [Display(Name = "Field.PresidentDni")]
    public string? PresidentDni { get; set; }

    [Display(Name = "Field.TreasurerName")]
    public string? TreasurerName { get; set; }

    [Display(Name = "Field.TreasurerDni")]
    public string? TreasurerDni { get; set; }

    public OrganizationInput ToInput() => new()
    {
        Name = Name, Type = Type, Ruc = Ruc, RegistryNumber = RegistryNumber, Ubigeo = Ubigeo, PresidentName = PresidentName,
        PresidentDni = PresidentDni, TreasurerName = TreasurerName, TreasurerDni = TreasurerDni,
    };

    public static OrganizationForm From(Organization o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new OrganizationForm
        {
            Id = o.Id, Name = o.Name, Type = o.Type.ToString(), Ruc = o.Ruc, RegistryNumber = o.RegistryNumber, Ubigeo = o.DistrictUbigeo,
            PresidentName = o.PresidentName, PresidentDni = o.PresidentDni, TreasurerName = o.TreasurerName, TreasurerDni = o.TreasurerDni,
        };
    }
}

public sealed class BankAccountForm
{
    public int? Id { get; set; }

    public AccountHolderKind HolderKind { get; set; }

    public int HolderId { get; set; }

    public string? HolderLabel { get; set; }

    [Display(Name = "Field.BankName")]
    public string? BankName { get; set; }

    [Display(Name = "Field.AccountNumber")]
    public string? AccountNumber { get; set; }

    [Display(Name = "Field.Cci")]
    public string? Cci { get; set; }

    [Display(Name = "Field.HolderName")]
    public string? HolderName { get; set; }

    public BankAccountInput ToInput() => new() { BankName = BankName, AccountNumber = AccountNumber, Cci = Cci, HolderName = HolderName };
}

public sealed class DistrictForm
{
    [Display(Name = "Field.Ubigeo")]
    public string? Ubigeo { get; set; }

    [Display(Name = "Field.DepartmentName")]
    public string? DepartmentName { get; set; }

    [Display(Name = "Field.ProvinceName")]
    public string? ProvinceName { get; set; }

    [Display(Name = "Field.DistrictName")]
    public string? DistrictName { get; set; }
}

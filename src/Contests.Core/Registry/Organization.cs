using Contests.Core.Common;

namespace Contests.Core.Registry;

public enum OrganizationType
{
    WomensGroup,
    ProducersAssociation,
    CommunityEnterprise,
    Other,
}

/// <summary>What an officer types for an organization, before it is checked.</summary>
public sealed record OrganizationInput
{
    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? Ruc { get; init; }

    public string? RegistryNumber { get; init; }

    public string? Ubigeo { get; init; }

    public string? PresidentName { get; init; }

    public string? PresidentDni { get; init; }

    public string? TreasurerName { get; init; }

    public string? TreasurerDni { get; init; }
}

/// <summary>An organization's checked data (the district's existence and duplicates are the caller's).</summary>
public sealed record OrganizationDetails(
    string Name, OrganizationType Type, Ruc? Ruc, string? RegistryNumber, Ubigeo District,
    string PresidentName, Dni PresidentDni, string TreasurerName, Dni TreasurerDni)
{
    public const int NameMaxLength = 160;
    public const int PersonNameMaxLength = 160;
    public const int RegistryNumberMaxLength = 30;

    public static OrganizationDetails? Parse(OrganizationInput input, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var name = Text.Name(input.Name, NameMaxLength, nameof(input.Name), required: true, errors);
        var type = ParseType(input.Type, errors);
        Ruc? ruc = null;
        if (!string.IsNullOrWhiteSpace(input.Ruc))
        {
            ruc = Registry.Ruc.TryParse(input.Ruc, nameof(input.Ruc), out var rucError);
            if (rucError is not null)
            {
                errors.Add(rucError);
            }
            else if (!ruc!.IsLegalEntity)
            {
                // An organization is a legal person: its RUC starts with 20 (10 is a person's own RUC).
                errors.Add(new DomainError("Organization.RucNotLegalEntity", nameof(input.Ruc), ruc.Value[..2]));
                ruc = null;
            }
        }
        var registry = Text.Optional(input.RegistryNumber, RegistryNumberMaxLength, nameof(input.RegistryNumber), errors);
        if (string.IsNullOrWhiteSpace(input.Ruc) && string.IsNullOrWhiteSpace(input.RegistryNumber))
        {
            errors.Add(new DomainError("Organization.RucOrRegistry", nameof(input.Ruc)));
        }
        var district = Ubigeo.TryParse(input.Ubigeo, nameof(input.Ubigeo), out var ubigeoError);
        if (ubigeoError is not null)
        {
            errors.Add(ubigeoError);
        }
        var president = Text.PersonName(input.PresidentName, PersonNameMaxLength, nameof(input.PresidentName), required: true, errors);
        var presidentDni = Dni.TryParse(input.PresidentDni, nameof(input.PresidentDni), out var presidentError);
        if (presidentError is not null)
        {
            errors.Add(presidentError);
        }
        var treasurer = Text.PersonName(input.TreasurerName, PersonNameMaxLength, nameof(input.TreasurerName), required: true, errors);
        var treasurerDni = Dni.TryParse(input.TreasurerDni, nameof(input.TreasurerDni), out var treasurerError);
        if (treasurerError is not null)
        {
            errors.Add(treasurerError);
        }
        else if (presidentDni is not null && presidentDni == treasurerDni)
        {
            // Two signatures on the contract and the bank's mandate: they must be two people.
            errors.Add(new DomainError("Organization.SameBoardMember", nameof(input.TreasurerDni)));
        }
        return errors.Count > before
            ? null
            : new OrganizationDetails(name!, type!.Value, ruc, registry, district!, president!, presidentDni!, treasurer!, treasurerDni!);
    }

    private static OrganizationType? ParseType(string? input, ICollection<DomainError> errors)
    {
        const string field = nameof(OrganizationInput.Type);
        var text = Text.Clean(input);
        if (text is null)
        {
            errors.Add(new DomainError("Validation.Required", field, new FieldLabel(field)));
            return null;
        }
        var type = Text.Key(text) switch
        {
            "WOMENSGROUP" or "GRUPO DE MUJERES" or "MUJERES" => OrganizationType.WomensGroup,
            "PRODUCERSASSOCIATION" or "ASOCIACION DE PRODUCTORES" or "PRODUCTORES" => OrganizationType.ProducersAssociation,
            "COMMUNITYENTERPRISE" or "EMPRESA COMUNAL" => OrganizationType.CommunityEnterprise,
            "OTHER" or "OTRA" or "OTRO" => OrganizationType.Other,
            _ => (OrganizationType?)null,
        };
        if (type is null)
        {
            errors.Add(new DomainError("Organization.Type", field, text));
        }
        return type;
    }
}

/// <summary>
/// A women's group, producers' association or community enterprise: presents business plans and
/// receives co-financing under a donation-with-charge contract signed by its president and treasurer.
/// </summary>
public sealed class Organization
{
    private readonly List<OrganizationMember> _members = [];

    private Organization()
    {
        Name = NameKey = DistrictUbigeo = PresidentName = PresidentDni = TreasurerName = TreasurerDni = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string NameKey { get; private set; }

    public OrganizationType Type { get; private set; }

    public string? Ruc { get; private set; }

    /// <summary>Partida electrónica (SUNARP), for organizations that have no RUC yet.</summary>
    public string? RegistryNumber { get; private set; }

    public string DistrictUbigeo { get; private set; }

    public string PresidentName { get; private set; }

    public string PresidentDni { get; private set; }

    public string TreasurerName { get; private set; }

    public string TreasurerDni { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public int? ImportId { get; private set; }

    /// <summary>Women's organizations may get the women's bonus of a round.</summary>
    public bool IsWomensOrganization => Type == OrganizationType.WomensGroup;

    public IReadOnlyCollection<OrganizationMember> Members => _members.AsReadOnly();

    public static Organization Create(OrganizationDetails details, DateTime nowUtc, int? importId = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var organization = new Organization { CreatedUtc = nowUtc, ImportId = importId };
        organization.Update(details);
        return organization;
    }

    public void Update(OrganizationDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Name = details.Name;
        NameKey = Text.Key(details.Name);
        Type = details.Type;
        Ruc = details.Ruc?.Value;
        RegistryNumber = details.RegistryNumber;
        DistrictUbigeo = details.District.Value;
        PresidentName = details.PresidentName;
        PresidentDni = details.PresidentDni.Value;
        TreasurerName = details.TreasurerName;
        TreasurerDni = details.TreasurerDni.Value;
    }

    public Result AddMember(int householdId, DateTime nowUtc)
    {
        if (_members.Exists(m => m.HouseholdId == householdId))
        {
            return Result.Fail(new DomainError("Organization.AlreadyMember", "Dni"));
        }
        _members.Add(new OrganizationMember(householdId, nowUtc));
        return Result.Success();
    }

    public void RemoveMember(int householdId) => _members.RemoveAll(m => m.HouseholdId == householdId);
}

/// <summary>A household that belongs to an organization.</summary>
public sealed class OrganizationMember
{
    internal OrganizationMember(int householdId, DateTime joinedUtc)
    {
        HouseholdId = householdId;
        JoinedUtc = joinedUtc;
    }

    public int OrganizationId { get; private set; }

    public int HouseholdId { get; private set; }

    public DateTime JoinedUtc { get; private set; }
}

using System.Globalization;
using Contests.Core.Common;

namespace Contests.Core.Registry;

/// <summary>Sex as recorded on the DNI; indicators are split by it.</summary>
public enum Sex
{
    Female,
    Male,
}

public static class SexCodes
{
    /// <summary>Reads "F"/"M", "Mujer"/"Hombre", "Femenino"/"Masculino", "female"/"male" (any case).</summary>
    public static Sex? Parse(string? input) => Text.Clean(input)?.ToUpperInvariant() switch
    {
        "F" or "MUJER" or "FEMENINO" or "FEMALE" or "W" => Sex.Female,
        "M" or "HOMBRE" or "VARON" or "VARÓN" or "MASCULINO" or "MALE" or "H" => Sex.Male,
        _ => null,
    };
}

/// <summary>What an officer types for a household (a form or an import row), before it is checked.</summary>
public sealed record HouseholdInput
{
    public string? HeadFirstNames { get; init; }

    public string? HeadLastNames { get; init; }

    public string? HeadDni { get; init; }

    public string? HeadSex { get; init; }

    public string? HeadBirthYear { get; init; }

    public string? PartnerFirstNames { get; init; }

    public string? PartnerLastNames { get; init; }

    public string? PartnerDni { get; init; }

    public string? PartnerSex { get; init; }

    public string? Members { get; init; }

    public string? Phone { get; init; }

    /// <summary>The head's mother tongue (optional): a code, or its Spanish or English name.</summary>
    public string? MotherTongue { get; init; }

    /// <summary>The head's education level (optional): a code, or its Spanish or English name.</summary>
    public string? Education { get; init; }
}

/// <summary>A person as the registry keeps them: names, DNI (optional for a partner), sex, birth year.</summary>
public sealed record PersonDetails(string FirstNames, string LastNames, Dni? Dni, Sex? Sex, int? BirthYear)
{
    public string FullName => $"{FirstNames} {LastNames}";
}

/// <summary>
/// A household's checked data: every rule that needs no database. Duplicate DNIs and the community
/// need the database and are checked by the caller.
/// </summary>
public sealed record HouseholdDetails(PersonDetails Head, PersonDetails? Partner, int Members, string? Phone)
{
    /// <summary>The head's mother tongue, when known (for the funders' disaggregations).</summary>
    public MotherTongue? MotherTongue { get; init; }

    /// <summary>The head's education level, when known.</summary>
    public EducationLevel? Education { get; init; }

    public const int NameMaxLength = 80;
    public const int MaxMembers = 30;
    public const int MinHeadAge = 14;
    public const int OldestBirthYear = 1900;
    public const int PhoneMaxLength = 20;
    public const int NameKeyMaxLength = (4 * NameMaxLength) + 3;

    /// <summary>Checks everything at once: the errors name the input each one belongs to.</summary>
    public static HouseholdDetails? Parse(HouseholdInput input, int currentYear, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;

        var headFirst = PersonName(input.HeadFirstNames, nameof(input.HeadFirstNames), required: true, errors);
        var headLast = PersonName(input.HeadLastNames, nameof(input.HeadLastNames), required: true, errors);
        var headDni = Dni.TryParse(input.HeadDni, nameof(input.HeadDni), out var dniError);
        if (dniError is not null)
        {
            errors.Add(dniError);
        }
        var headSex = SexField(input.HeadSex, nameof(input.HeadSex), required: true, errors);
        var birthYear = BirthYear(input.HeadBirthYear, currentYear, errors);

        PersonDetails? partner = null;
        var hasPartner = !string.IsNullOrWhiteSpace(input.PartnerFirstNames) || !string.IsNullOrWhiteSpace(input.PartnerLastNames)
            || !string.IsNullOrWhiteSpace(input.PartnerDni) || !string.IsNullOrWhiteSpace(input.PartnerSex);
        if (hasPartner)
        {
            var partnerBefore = errors.Count;
            var first = PersonName(input.PartnerFirstNames, nameof(input.PartnerFirstNames), required: true, errors);
            var last = PersonName(input.PartnerLastNames, nameof(input.PartnerLastNames), required: true, errors);
            Dni? partnerDni = null;
            if (!string.IsNullOrWhiteSpace(input.PartnerDni))
            {
                partnerDni = Dni.TryParse(input.PartnerDni, nameof(input.PartnerDni), out var partnerDniError);
                if (partnerDniError is not null)
                {
                    errors.Add(partnerDniError);
                }
                else if (partnerDni == headDni)
                {
                    errors.Add(new DomainError("Household.PartnerSameDni", nameof(input.PartnerDni)));
                }
            }
            var partnerSex = SexField(input.PartnerSex, nameof(input.PartnerSex), required: false, errors);
            if (errors.Count == partnerBefore)
            {
                partner = new PersonDetails(first!, last!, partnerDni, partnerSex, null);
            }
        }

        var members = ParseMembers(input.Members, hasPartner, errors);
        var phone = ParsePhone(input.Phone, errors);
        var tongue = HouseholdProfileCodes.ParseTongue(input.MotherTongue, out var tongueKnown);
        if (!tongueKnown)
        {
            errors.Add(new DomainError("Household.MotherTongueUnknown", nameof(input.MotherTongue), input.MotherTongue!.Trim()));
        }
        var education = HouseholdProfileCodes.ParseEducation(input.Education, out var educationKnown);
        if (!educationKnown)
        {
            errors.Add(new DomainError("Household.EducationUnknown", nameof(input.Education), input.Education!.Trim()));
        }

        return errors.Count > before
            ? null
            : new HouseholdDetails(new PersonDetails(headFirst!, headLast!, headDni, headSex, birthYear), partner, members, phone)
            {
                MotherTongue = tongue, Education = education,
            };
    }

    /// <summary>Women-headed: derived from the head's sex, so it can never disagree with it.</summary>
    public bool WomenHeaded => Head.Sex == Sex.Female;

    private static string? PersonName(string? input, string field, bool required, ICollection<DomainError> errors) =>
        Text.PersonName(input, NameMaxLength, field, required, errors);

    private static Sex? SexField(string? input, string field, bool required, ICollection<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            if (required)
            {
                errors.Add(new DomainError("Validation.Required", field, new FieldLabel(field)));
            }
            return null;
        }
        var sex = SexCodes.Parse(input);
        if (sex is null)
        {
            errors.Add(new DomainError("Person.Sex", field, input.Trim()));
        }
        return sex;
    }

    private static int? BirthYear(string? input, int currentYear, ICollection<DomainError> errors)
    {
        const string field = nameof(HouseholdInput.HeadBirthYear);
        var text = Text.Clean(input);
        if (text is null)
        {
            errors.Add(new DomainError("Validation.Required", field, new FieldLabel(field)));
            return null;
        }
        var latest = currentYear - MinHeadAge;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < OldestBirthYear || year > latest)
        {
            errors.Add(new DomainError("Person.BirthYear", field, OldestBirthYear, latest));
            return null;
        }
        return year;
    }

    private static int ParseMembers(string? input, bool hasPartner, ICollection<DomainError> errors)
    {
        const string field = nameof(HouseholdInput.Members);
        var text = Text.Clean(input);
        if (text is null)
        {
            errors.Add(new DomainError("Validation.Required", field, new FieldLabel(field)));
            return 0;
        }
        var minimum = hasPartner ? 2 : 1;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var members) || members < minimum || members > MaxMembers)
        {
            errors.Add(new DomainError(hasPartner ? "Household.MembersWithPartner" : "Household.Members", field, minimum, MaxMembers));
            return 0;
        }
        return members;
    }

    private static string? ParsePhone(string? input, ICollection<DomainError> errors)
    {
        const string field = nameof(HouseholdInput.Phone);
        var text = Text.Clean(input);
        if (text is null)
        {
            return null;
        }
        var digits = text.Count(char.IsAsciiDigit);
        var allowed = text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')');
        if (!allowed || digits < 6 || digits > 15 || text.Length > PhoneMaxLength)
        {
            errors.Add(new DomainError("Household.Phone", field));
            return null;
        }
        return text;
    }
}

/// <summary>
/// A family (familia) that competes in inter-family contests. Its community can change (a family
/// moves); the membership history keeps where it belonged when, so an entry stays with the community
/// the household had at the time.
/// </summary>
public sealed class Household
{
    private readonly List<HouseholdMembership> _memberships = [];

    private Household()
    {
        HeadFirstNames = HeadLastNames = HeadDni = string.Empty;
    }

    public int Id { get; private set; }

    public int CommunityId { get; private set; }

    public string HeadFirstNames { get; private set; }

    public string HeadLastNames { get; private set; }

    public string HeadDni { get; private set; }

    public Sex HeadSex { get; private set; }

    public int HeadBirthYear { get; private set; }

    public string? PartnerFirstNames { get; private set; }

    public string? PartnerLastNames { get; private set; }

    public string? PartnerDni { get; private set; }

    public Sex? PartnerSex { get; private set; }

    public int Members { get; private set; }

    /// <summary>Stored for queries and indicators; always set from the head's sex.</summary>
    public bool WomenHeaded { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>The head's mother tongue, for the disaggregations funders ask for (optional).</summary>
    public MotherTongue? MotherTongue { get; private set; }

    /// <summary>The head's education level (optional).</summary>
    public EducationLevel? Education { get; private set; }

    /// <summary>What an entry fixes about this household when it enters a round.</summary>
    public HouseholdProfile Profile => new(HeadSex, HeadBirthYear, Members, MotherTongue, Education);

    /// <summary>Records the head's mother tongue and education (either may be unknown).</summary>
    public void SetProfile(MotherTongue? motherTongue, EducationLevel? education)
    {
        MotherTongue = motherTongue;
        Education = education;
    }

    /// <summary>Head's and partner's names as compared in searches (see <see cref="Text.Key"/>): accents and case don't matter.</summary>
    public string NameKey { get; private set; } = string.Empty;

    public DateTime RegisteredUtc { get; private set; }

    public int? ImportId { get; private set; }

    public string HeadFullName => $"{HeadFirstNames} {HeadLastNames}";

    public IReadOnlyCollection<HouseholdMembership> Memberships => _memberships.AsReadOnly();

    public static Household Register(HouseholdDetails details, int communityId, DateTime nowUtc, int? importId = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var household = new Household { CommunityId = communityId, RegisteredUtc = nowUtc, ImportId = importId };
        household.Update(details);
        household._memberships.Add(new HouseholdMembership(communityId, nowUtc));
        return household;
    }

    public void Update(HouseholdDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Head.Dni is null || details.Head.Sex is null || details.Head.BirthYear is null)
        {
            throw new ArgumentException("A head of household has a DNI, a sex and a birth year.", nameof(details));
        }
        HeadFirstNames = details.Head.FirstNames;
        HeadLastNames = details.Head.LastNames;
        HeadDni = details.Head.Dni.Value;
        HeadSex = details.Head.Sex.Value;
        HeadBirthYear = details.Head.BirthYear.Value;
        PartnerFirstNames = details.Partner?.FirstNames;
        PartnerLastNames = details.Partner?.LastNames;
        PartnerDni = details.Partner?.Dni?.Value;
        PartnerSex = details.Partner?.Sex;
        Members = details.Members;
        WomenHeaded = details.WomenHeaded;
        Phone = details.Phone;
        SetProfile(details.MotherTongue, details.Education);
        NameKey = SearchKey(details);
    }

    /// <summary>"JUANA QUISPE MAMANI|PEDRO NAUPARI CCORI": what a name search looks in (see <see cref="Text.SearchKey"/>).</summary>
    public static string SearchKey(HouseholdDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var head = Text.SearchKey(details.Head.FullName);
        return details.Partner is null ? head : head + "|" + Text.SearchKey(details.Partner.FullName);
    }

    /// <summary>
    /// Moves the household to another community from now on. The old membership is closed, not
    /// rewritten: entries made before keep the community they were made in.
    /// </summary>
    public Result MoveTo(int communityId, DateTime nowUtc)
    {
        if (communityId == CommunityId)
        {
            return Result.Fail(new DomainError("Household.SameCommunity", "CommunityId"));
        }
        var current = _memberships.Single(m => m.ToUtc is null);
        if (nowUtc < current.FromUtc)
        {
            throw new ArgumentOutOfRangeException(nameof(nowUtc), "A move can't be dated before the current membership began.");
        }
        current.Close(nowUtc);
        _memberships.Add(new HouseholdMembership(communityId, nowUtc));
        CommunityId = communityId;
        return Result.Success();
    }

    /// <summary>The community the household belonged to at a moment (null before it was registered).</summary>
    public int? CommunityOn(DateTime utc) =>
        _memberships.Find(m => m.FromUtc <= utc && (m.ToUtc is null || utc < m.ToUtc))?.CommunityId;
}

/// <summary>A period during which a household belonged to a community.</summary>
public sealed class HouseholdMembership
{
    internal HouseholdMembership(int communityId, DateTime fromUtc)
    {
        CommunityId = communityId;
        FromUtc = fromUtc;
    }

    public int Id { get; private set; }

    public int HouseholdId { get; private set; }

    public int CommunityId { get; private set; }

    public DateTime FromUtc { get; private set; }

    public DateTime? ToUtc { get; private set; }

    internal void Close(DateTime utc) => ToUtc = utc;
}

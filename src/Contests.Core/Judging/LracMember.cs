using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Core.Rounds;

namespace Contests.Core.Judging;

/// <summary>Whom an LRAC member comes from (the CLAR mixes community, organization and municipal members).</summary>
public enum Affiliation
{
    Community,
    Organization,
    Municipality,
    Other,
}

/// <summary>What an officer types for a member; parsed by <see cref="LracMemberDetails.Parse"/>.</summary>
public sealed record LracMemberInput
{
    public string? FullName { get; init; }

    public string? Dni { get; init; }

    public Affiliation Affiliation { get; init; }

    /// <summary>The community the member represents (affiliation Community).</summary>
    public int? CommunityId { get; init; }

    /// <summary>The organization the member represents (affiliation Organization).</summary>
    public int? OrganizationId { get; init; }

    /// <summary>The municipality or institution, for the other affiliations.</summary>
    public string? AffiliationName { get; init; }

    public LracRole Role { get; init; }

    public bool FieldJuror { get; init; }

    public bool PublicJuror { get; init; }
}

/// <summary>A member's checked details.</summary>
public sealed record LracMemberDetails(string FullName, Dni Dni, Affiliation Affiliation, int? CommunityId, int? OrganizationId,
    string? AffiliationName, LracRole Role, bool FieldJuror, bool PublicJuror)
{
    public const int NameMaxLength = 160;

    /// <summary>Checks everything at once. An observer doesn't score, so needs no juror flag; anyone else needs one.</summary>
    public static LracMemberDetails? Parse(LracMemberInput input, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var name = Text.PersonName(input.FullName, NameMaxLength, "FullName", required: true, errors);
        var dni = Dni.TryParse(input.Dni, "Dni", out var dniError);
        if (dniError is not null)
        {
            errors.Add(dniError);
        }
        var affiliationName = Text.Name(input.AffiliationName, NameMaxLength, "AffiliationName", required: false, errors);
        switch (input.Affiliation)
        {
            case Affiliation.Community when input.CommunityId is null:
                errors.Add(new DomainError("Lrac.CommunityRequired", "CommunityId"));
                break;
            case Affiliation.Organization when input.OrganizationId is null:
                errors.Add(new DomainError("Lrac.OrganizationRequired", "OrganizationId"));
                break;
            case Affiliation.Municipality or Affiliation.Other when affiliationName is null && Text.Clean(input.AffiliationName) is null:
                errors.Add(new DomainError("Lrac.AffiliationNameRequired", "AffiliationName"));
                break;
        }
        var scores = input.Role != LracRole.Observer;
        if (scores && !input.FieldJuror && !input.PublicJuror)
        {
            errors.Add(new DomainError("Lrac.JurorKindRequired", "FieldJuror"));
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new LracMemberDetails(name!, dni!, input.Affiliation,
            input.Affiliation == Affiliation.Community ? input.CommunityId : null,
            input.Affiliation == Affiliation.Organization ? input.OrganizationId : null,
            input.Affiliation is Affiliation.Municipality or Affiliation.Other ? affiliationName : null,
            input.Role, scores && input.FieldJuror, scores && input.PublicJuror);
    }
}

/// <summary>
/// A member of a round's LRAC (CLAR): who they are, whom they come from, their role, and which parts
/// they score (field visits, the public presentation, or both). Each has their own user account
/// (role <c>LracMember</c>) with which they see only this round's sheets assigned to them.
/// </summary>
public sealed class LracMember
{
    private LracMember()
    {
        FullName = string.Empty;
        Dni = string.Empty;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public int UserId { get; private set; }

    public string FullName { get; private set; }

    public string Dni { get; private set; }

    public Affiliation Affiliation { get; private set; }

    public int? CommunityId { get; private set; }

    public int? OrganizationId { get; private set; }

    public string? AffiliationName { get; private set; }

    public LracRole Role { get; private set; }

    public bool FieldJuror { get; private set; }

    public bool PublicJuror { get; private set; }

    /// <summary>A member who left the committee keeps their submitted sheets but gets no new ones.</summary>
    public bool Active { get; private set; }

    public DateTime AddedUtc { get; private set; }

    public static LracMember Add(int roundId, int userId, LracMemberDetails details, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        var member = new LracMember { RoundId = roundId, UserId = userId, AddedUtc = nowUtc, Active = true };
        member.Update(details);
        return member;
    }

    public void Update(LracMemberDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        FullName = details.FullName;
        Dni = details.Dni.Value;
        Affiliation = details.Affiliation;
        CommunityId = details.CommunityId;
        OrganizationId = details.OrganizationId;
        AffiliationName = details.AffiliationName;
        Role = details.Role;
        FieldJuror = details.FieldJuror;
        PublicJuror = details.PublicJuror;
    }

    public void Deactivate() => Active = false;

    public void Activate() => Active = true;

    /// <summary>Whether the member scores a part held at <paramref name="venue"/>.</summary>
    public bool Scores(PartVenue venue) =>
        Active && Role != LracRole.Observer && (venue == PartVenue.Field ? FieldJuror : PublicJuror);
}

/// <summary>A conflict of interest declared by the juror or an officer for one entry, with its reason.</summary>
public sealed class DeclaredConflict
{
    public const int ReasonMaxLength = 300;

    private DeclaredConflict()
    {
        Reason = string.Empty;
    }

    public int Id { get; private set; }

    public int MemberId { get; private set; }

    public int EntryId { get; private set; }

    public string Reason { get; private set; }

    public int DeclaredByUserId { get; private set; }

    public DateTime DeclaredUtc { get; private set; }

    public static DeclaredConflict? Declare(int memberId, int entryId, string? reason, int userId, DateTime nowUtc, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var clean = Text.Clean(reason);
        if (clean is null)
        {
            errors.Add(new DomainError("Lrac.ConflictReasonRequired", "Reason"));
            return null;
        }
        if (clean.Length > ReasonMaxLength)
        {
            errors.Add(new DomainError("Validation.MaxLength", "Reason", new FieldLabel("Reason"), ReasonMaxLength));
            return null;
        }
        return new DeclaredConflict { MemberId = memberId, EntryId = entryId, Reason = clean, DeclaredByUserId = userId, DeclaredUtc = nowUtc };
    }
}

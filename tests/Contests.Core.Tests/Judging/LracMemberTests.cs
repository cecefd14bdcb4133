using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Registry;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Judging;

public sealed class LracMemberTests
{
    private static readonly DateTime Now = new(2026, 5, 10, 15, 0, 0, DateTimeKind.Utc);

    private static readonly LracMemberInput Valid = new()
    {
        FullName = "  María   Quispe Huamán ",
        Dni = "45678912",
        Affiliation = Affiliation.Community,
        CommunityId = 3,
        Role = LracRole.Member,
        FieldJuror = true,
    };

    private static (LracMemberDetails? Details, List<DomainError> Errors) Parse(LracMemberInput input)
    {
        var errors = new List<DomainError>();
        return (LracMemberDetails.Parse(input, errors), errors);
    }

    private static LracMemberDetails Details(LracMemberInput input)
    {
        var (details, errors) = Parse(input);
        Assert.Empty(errors);
        return details!;
    }

    [Fact]
    public void Parse_ValidCommunityMember_CleansTheName_AndKeepsTheCommunity()
    {
        var (details, errors) = Parse(Valid);

        Assert.Empty(errors);
        Assert.Equal(
            new LracMemberDetails("María Quispe Huamán", Dni.Parse("45678912"), Affiliation.Community, 3, null, null, LracRole.Member, true, false),
            details);
    }

    [Fact]
    public void Parse_EveryProblemAtOnce_NamesEachField()
    {
        var (details, errors) = Parse(new LracMemberInput
        {
            FullName = "   ",
            Dni = "1234567",
            Affiliation = Affiliation.Community,
            CommunityId = null,
            Role = LracRole.Member,
            FieldJuror = false,
            PublicJuror = false,
        });

        Assert.Null(details);
        Assert.Equal(
        [
            ("Validation.Required", "FullName"),
            ("Dni.Length", "Dni"),
            ("Lrac.CommunityRequired", "CommunityId"),
            ("Lrac.JurorKindRequired", "FieldJuror"),
        ], errors.Select(e => (e.Code, e.Field)));
        Assert.Equal<object>([new FieldLabel("FullName")], errors[0].Arguments);
        Assert.Equal<object>([8, 7], errors[1].Arguments);
    }

    [Fact]
    public void Parse_ErrorsAlreadyInTheList_DoNotRefuseAValidMember()
    {
        var errors = new List<DomainError> { new("Other.Problem") };

        var details = LracMemberDetails.Parse(Valid, errors);

        Assert.NotNull(details);
        Assert.Equal("Other.Problem", Assert.Single(errors).Code);
    }

    [Fact]
    public void Parse_Observer_NeedsNoJurorFlag_AndNeverGetsOne()
    {
        var unflagged = Details(Valid with { Role = LracRole.Observer, FieldJuror = false, PublicJuror = false });
        var flagged = Details(Valid with { Role = LracRole.Observer, FieldJuror = true, PublicJuror = true });

        Assert.Equal((LracRole.Observer, false, false), (unflagged.Role, unflagged.FieldJuror, unflagged.PublicJuror));
        Assert.Equal((LracRole.Observer, false, false), (flagged.Role, flagged.FieldJuror, flagged.PublicJuror));
    }

    [Theory]
    [InlineData(LracRole.President)]
    [InlineData(LracRole.Secretary)]
    [InlineData(LracRole.Member)]
    public void Parse_VotingMemberWithoutAJurorFlag_IsRefused(LracRole role)
    {
        var (details, errors) = Parse(Valid with { Role = role, FieldJuror = false, PublicJuror = false });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal(("Lrac.JurorKindRequired", "FieldJuror"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_PublicJurorOnly_IsEnough()
    {
        var details = Details(Valid with { FieldJuror = false, PublicJuror = true });

        Assert.Equal((false, true), (details.FieldJuror, details.PublicJuror));
    }

    [Fact]
    public void Parse_Organization_KeepsOnlyTheOrganization()
    {
        var details = Details(Valid with { Affiliation = Affiliation.Organization, OrganizationId = 5, CommunityId = 3, AffiliationName = "Municipalidad de Ocongate" });

        Assert.Equal((Affiliation.Organization, (int?)null, (int?)5, (string?)null),
            (details.Affiliation, details.CommunityId, details.OrganizationId, details.AffiliationName));
    }

    [Fact]
    public void Parse_OrganizationWithoutOne_IsRefused()
    {
        var (details, errors) = Parse(Valid with { Affiliation = Affiliation.Organization, OrganizationId = null });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal(("Lrac.OrganizationRequired", "OrganizationId"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_Community_DropsOrganizationAndAffiliationName()
    {
        var details = Details(Valid with { OrganizationId = 5, AffiliationName = "Municipalidad de Ocongate" });

        Assert.Equal(((int?)3, (int?)null, (string?)null), (details.CommunityId, details.OrganizationId, details.AffiliationName));
    }

    [Theory]
    [InlineData(Affiliation.Municipality, null)]
    [InlineData(Affiliation.Municipality, "   ")]
    [InlineData(Affiliation.Other, "")]
    public void Parse_MunicipalityOrOther_RequiresTheAffiliationName(Affiliation affiliation, string? name)
    {
        var (details, errors) = Parse(Valid with { Affiliation = affiliation, AffiliationName = name });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal(("Lrac.AffiliationNameRequired", "AffiliationName"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_Municipality_KeepsTheCleanedName_AndDropsTheIds()
    {
        var details = Details(Valid with { Affiliation = Affiliation.Municipality, AffiliationName = " Municipalidad   de Ocongate ", OrganizationId = 5 });

        Assert.Equal(((int?)null, (int?)null, (string?)"Municipalidad de Ocongate"), (details.CommunityId, details.OrganizationId, details.AffiliationName));
    }

    [Fact]
    public void Parse_NameOverTheLimit_IsRefused_AtTheLimitIsKept()
    {
        var (tooLong, errors) = Parse(Valid with { FullName = new string('a', LracMemberDetails.NameMaxLength + 1) });
        var atLimit = Details(Valid with { FullName = new string('a', LracMemberDetails.NameMaxLength) });

        Assert.Null(tooLong);
        var error = Assert.Single(errors);
        Assert.Equal(("Validation.MaxLength", "FullName"), (error.Code, error.Field));
        Assert.Equal<object>([new FieldLabel("FullName"), 160], error.Arguments);
        Assert.Equal(160, atLimit.FullName.Length);
    }

    [Fact]
    public void Parse_AffiliationNameOverTheLimit_IsRefused()
    {
        var (details, errors) = Parse(Valid with { Affiliation = Affiliation.Other, AffiliationName = new string('b', 161) });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal(("Validation.MaxLength", "AffiliationName"), (error.Code, error.Field));
        Assert.Equal<object>([new FieldLabel("AffiliationName"), 160], error.Arguments);
    }

    [Fact]
    public void Add_IsActive_WithTheDetails_ThenUpdateReplacesThem()
    {
        var member = LracMember.Add(roundId: 5, userId: 42, Details(Valid), Now);

        Assert.Equal((5, 42, Now, true), (member.RoundId, member.UserId, member.AddedUtc, member.Active));
        Assert.Equal(("María Quispe Huamán", "45678912", Affiliation.Community, (int?)3), (member.FullName, member.Dni, member.Affiliation, member.CommunityId));
        Assert.Equal((LracRole.Member, true, false), (member.Role, member.FieldJuror, member.PublicJuror));

        member.Update(Details(Valid with
        {
            FullName = "Juan Mamani",
            Dni = "01234567",
            Affiliation = Affiliation.Municipality,
            AffiliationName = "Municipalidad de Ocongate",
            Role = LracRole.President,
            FieldJuror = false,
            PublicJuror = true,
        }));

        Assert.Equal(("Juan Mamani", "01234567", Affiliation.Municipality, (int?)null, "Municipalidad de Ocongate"),
            (member.FullName, member.Dni, member.Affiliation, member.CommunityId, member.AffiliationName));
        Assert.Equal((LracRole.President, false, true), (member.Role, member.FieldJuror, member.PublicJuror));
        Assert.Equal((5, 42, Now), (member.RoundId, member.UserId, member.AddedUtc));
    }

    [Theory]
    [InlineData(LracRole.Member, true, false, true, false)]
    [InlineData(LracRole.Member, false, true, false, true)]
    [InlineData(LracRole.President, true, true, true, true)]
    [InlineData(LracRole.Observer, true, true, false, false)]
    public void Scores_FollowsTheJurorFlags_AndObserversScoreNothing(LracRole role, bool field, bool @public, bool scoresField, bool scoresPublic)
    {
        var member = LracMember.Add(1, 2, Details(Valid with { Role = role, FieldJuror = field, PublicJuror = @public }), Now);

        Assert.Equal((scoresField, scoresPublic), (member.Scores(PartVenue.Field), member.Scores(PartVenue.Public)));
    }

    [Fact]
    public void Scores_NothingOnceDeactivated_AndAgainOnceActivated()
    {
        var member = LracMember.Add(1, 2, Details(Valid with { FieldJuror = true, PublicJuror = true }), Now);

        member.Deactivate();
        var inactive = (member.Active, member.Scores(PartVenue.Field), member.Scores(PartVenue.Public));
        member.Activate();

        Assert.Equal((false, false, false), inactive);
        Assert.Equal((true, true, true), (member.Active, member.Scores(PartVenue.Field), member.Scores(PartVenue.Public)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void DeclareConflict_WithoutAReason_IsRefused(string? reason)
    {
        var errors = new List<DomainError>();

        var conflict = DeclaredConflict.Declare(7, 100, reason, 3, Now, errors);

        Assert.Null(conflict);
        var error = Assert.Single(errors);
        Assert.Equal(("Lrac.ConflictReasonRequired", "Reason"), (error.Code, error.Field));
    }

    [Fact]
    public void DeclareConflict_ReasonOverTheLimit_IsRefused()
    {
        var errors = new List<DomainError>();

        var conflict = DeclaredConflict.Declare(7, 100, new string('x', DeclaredConflict.ReasonMaxLength + 1), 3, Now, errors);

        Assert.Null(conflict);
        var error = Assert.Single(errors);
        Assert.Equal(("Validation.MaxLength", "Reason"), (error.Code, error.Field));
        Assert.Equal<object>([new FieldLabel("Reason"), 300], error.Arguments);
    }

    [Fact]
    public void DeclareConflict_KeepsTheCleanedReason_AndWhoDeclaredIt()
    {
        var errors = new List<DomainError>();

        var conflict = DeclaredConflict.Declare(7, 100, "  Es  sobrino del   jefe de familia ", 3, Now, errors);

        Assert.Empty(errors);
        Assert.Equal((7, 100, "Es sobrino del jefe de familia", 3, Now),
            (conflict!.MemberId, conflict.EntryId, conflict.Reason, conflict.DeclaredByUserId, conflict.DeclaredUtc));
    }

    [Fact]
    public void DeclareConflict_ReasonAtTheLimitAfterTrimming_IsKept()
    {
        var errors = new List<DomainError>();
        var reason = new string('x', DeclaredConflict.ReasonMaxLength);

        var conflict = DeclaredConflict.Declare(7, 100, "   " + reason + "   ", 3, Now, errors);

        Assert.Empty(errors);
        Assert.Equal(reason, conflict!.Reason);
    }
}

using Contests.Core.Rounds;

namespace Contests.Core.Tests.Rounds;

public sealed class EligibilityTests
{
    private const string Abancay = "030101";
    private const string Tamburco = "030109";
    private const int Huayllabamba = 1;
    private const int Kiunalla = 3;
    private const int Marino = 10;

    private static RoundScope Scope(string[]? districts = null, int[]? communities = null, int[]? watersheds = null) =>
        new((districts ?? []).ToHashSet(), (communities ?? []).ToHashSet(), (watersheds ?? []).ToHashSet());

    private static Candidate Household(string district = Abancay, int community = Huayllabamba, params int[] watersheds) => new()
    {
        Level = RoundLevel.Households, Place = new Place(district, community, watersheds),
    };

    private static Candidate Organization(int rejections = 0, bool verified = true) => new()
    {
        Level = RoundLevel.Organizations, Place = new Place(Abancay, null, []), PreviousPlanRejections = rejections, HasVerifiedAccount = verified,
    };

    [Fact]
    public void Household_InScope_WhileOpen_IsEligible_WithoutFlags()
    {
        var result = Eligibility.Check(RoundPhase.Open, RoundLevel.Households, Scope(districts: [Abancay]), Household());

        Assert.True(result.Eligible);
        Assert.Empty(result.Flags);
    }

    [Theory]
    [InlineData(RoundPhase.Draft)]
    [InlineData(RoundPhase.RegistrationClosed)]
    [InlineData(RoundPhase.Judging)]
    [InlineData(RoundPhase.Closed)]
    public void RegistrationOnlyWhileOpen(RoundPhase phase)
    {
        var refusal = Assert.Single(Eligibility.Check(phase, RoundLevel.Households, RoundScope.Everywhere, Household()).Refusals);

        Assert.Equal(("Entry.RoundNotOpen", (object)phase), (refusal.Code, refusal.Arguments[0]));
    }

    [Fact]
    public void Scope_MatchesByDistrict_ByCommunity_OrByWatershed()
    {
        var kiunallaInMarino = Household(Tamburco, Kiunalla, Marino);

        Assert.True(Eligibility.Check(RoundPhase.Open, RoundLevel.Households, Scope(districts: [Tamburco]), kiunallaInMarino).Eligible);
        Assert.True(Eligibility.Check(RoundPhase.Open, RoundLevel.Households, Scope(communities: [Kiunalla]), kiunallaInMarino).Eligible);
        Assert.True(Eligibility.Check(RoundPhase.Open, RoundLevel.Households, Scope(watersheds: [Marino]), kiunallaInMarino).Eligible);
        Assert.True(Eligibility.Check(RoundPhase.Open, RoundLevel.Households, RoundScope.Everywhere, kiunallaInMarino).Eligible);
    }

    [Fact]
    public void OutOfScope_IsRefused()
    {
        var result = Eligibility.Check(RoundPhase.Open, RoundLevel.Households, Scope(districts: [Abancay], communities: [Huayllabamba]),
            Household(Tamburco, Kiunalla, Marino));

        Assert.Equal("Entry.OutOfScope", Assert.Single(result.Refusals).Code);
    }

    [Fact]
    public void OneEntryPerCompetitorPerRound()
    {
        var result = Eligibility.Check(RoundPhase.Open, RoundLevel.Households, RoundScope.Everywhere, Household() with { AlreadyEntered = true });

        Assert.Equal("Entry.AlreadyEntered", Assert.Single(result.Refusals).Code);
    }

    [Fact]
    public void CompetitorOfAnotherKind_IsRefused()
    {
        var refusal = Assert.Single(Eligibility.Check(RoundPhase.Open, RoundLevel.Communities, RoundScope.Everywhere, Household()).Refusals);

        Assert.Equal(("Entry.WrongLevel", (object)RoundLevel.Households, (object)RoundLevel.Communities),
            (refusal.Code, refusal.Arguments[0], refusal.Arguments[1]));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    public void Plan_RejectedTwiceBefore_CannotBePresentedAThirdTime(int rejections, bool eligible)
    {
        var result = Eligibility.Check(RoundPhase.Open, RoundLevel.Organizations, RoundScope.Everywhere, Organization(rejections));

        Assert.Equal(eligible, result.Eligible);
        if (!eligible)
        {
            Assert.Equal("Entry.PlanRejectedTwice", Assert.Single(result.Refusals).Code);
        }
    }

    [Fact]
    public void Organization_WithoutVerifiedAccount_RegistersButIsFlagged()
    {
        var result = Eligibility.Check(RoundPhase.Open, RoundLevel.Organizations, RoundScope.Everywhere, Organization(verified: false));

        Assert.True(result.Eligible);
        Assert.Equal("Entry.NoVerifiedAccount", Assert.Single(result.Flags).Code);
    }

    [Fact]
    public void EveryRefusal_IsReportedAtOnce()
    {
        var candidate = Organization(rejections: 2) with { AlreadyEntered = true, Place = new Place(Tamburco, null, []) };

        var result = Eligibility.Check(RoundPhase.Judging, RoundLevel.Organizations, Scope(districts: [Abancay]), candidate);

        Assert.Equal(["Entry.RoundNotOpen", "Entry.OutOfScope", "Entry.AlreadyEntered", "Entry.PlanRejectedTwice"], result.Refusals.Select(r => r.Code));
    }
}

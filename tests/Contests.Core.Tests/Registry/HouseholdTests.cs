using Contests.Core.Registry;
using static Contests.Core.Tests.Registry.RegistryBuilders;

namespace Contests.Core.Tests.Registry;

public sealed class HouseholdTests
{
    private const int Ccollpa = 7;
    private const int Huancane = 9;
    private static readonly DateTime Registered = new(2025, 2, 1, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Moved = new(2025, 9, 15, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Register_OpensOneMembershipInTheCommunity()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);

        var membership = Assert.Single(household.Memberships);
        Assert.Equal(Ccollpa, membership.CommunityId);
        Assert.Equal(Registered, membership.FromUtc);
        Assert.Null(membership.ToUtc);
        Assert.Equal(Ccollpa, household.CommunityId);
    }

    [Fact]
    public void Register_CopiesTheCheckedDetails()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);

        Assert.Equal("Juana Rosa Quispe Mamani", household.HeadFullName);
        Assert.Equal("01234567", household.HeadDni);
        Assert.Equal(Sex.Female, household.HeadSex);
        Assert.Equal(1980, household.HeadBirthYear);
        Assert.True(household.WomenHeaded);
        Assert.Equal("45678912", household.PartnerDni);
        Assert.Equal(5, household.Members);
        Assert.Equal(Registered, household.RegisteredUtc);
    }

    [Fact]
    public void Update_HeadBecomesAMan_NoLongerWomenHeaded()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);

        household.Update(ValidHouseholdDetails(HouseholdInputWithoutPartner() with { HeadSex = "Hombre" }));

        Assert.False(household.WomenHeaded);
        Assert.Null(household.PartnerDni);
        Assert.Null(household.PartnerFirstNames);
    }

    [Fact]
    public void MoveTo_ClosesTheOldMembershipAndOpensAnother()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);

        var result = household.MoveTo(Huancane, Moved);

        Assert.True(result.Succeeded);
        Assert.Equal(Huancane, household.CommunityId);
        Assert.Collection(
            household.Memberships.OrderBy(m => m.FromUtc),
            old =>
            {
                Assert.Equal(Ccollpa, old.CommunityId);
                Assert.Equal(Registered, old.FromUtc);
                Assert.Equal(Moved, old.ToUtc);
            },
            current =>
            {
                Assert.Equal(Huancane, current.CommunityId);
                Assert.Equal(Moved, current.FromUtc);
                Assert.Null(current.ToUtc);
            });
    }

    [Fact]
    public void CommunityOn_BeforeRegistration_IsNull()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);
        household.MoveTo(Huancane, Moved);

        Assert.Null(household.CommunityOn(Registered.AddTicks(-1)));
    }

    [Fact]
    public void CommunityOn_BeforeTheMove_IsTheOldCommunity()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);
        household.MoveTo(Huancane, Moved);

        Assert.Equal(Ccollpa, household.CommunityOn(Registered));
        Assert.Equal(Ccollpa, household.CommunityOn(Moved.AddTicks(-1)));
    }

    [Fact]
    public void CommunityOn_FromTheMoveOn_IsTheNewCommunity()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);
        household.MoveTo(Huancane, Moved);

        Assert.Equal(Huancane, household.CommunityOn(Moved));
        Assert.Equal(Huancane, household.CommunityOn(Moved.AddYears(3)));
    }

    [Fact]
    public void CommunityOn_MovedAwayAndBack_EachPeriodKeepsItsCommunity()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);
        household.MoveTo(Huancane, Moved);
        var back = Moved.AddMonths(6);
        household.MoveTo(Ccollpa, back);

        Assert.Equal(3, household.Memberships.Count);
        Assert.Single(household.Memberships, m => m.ToUtc is null);
        Assert.Equal(Ccollpa, household.CommunityOn(Moved.AddDays(-1)));
        Assert.Equal(Huancane, household.CommunityOn(Moved.AddDays(1)));
        Assert.Equal(Ccollpa, household.CommunityOn(back.AddDays(1)));
    }

    [Fact]
    public void MoveTo_SameCommunity_RefusedAndHistoryUnchanged()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);

        var result = household.MoveTo(Ccollpa, Moved);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Household.SameCommunity", error.Code);
        Assert.Equal("CommunityId", error.Field);
        var membership = Assert.Single(household.Memberships);
        Assert.Null(membership.ToUtc);
    }

    [Fact]
    public void MoveTo_DatedBeforeTheCurrentMembership_Throws()
    {
        var household = RegisteredHousehold(Ccollpa, Registered);

        Assert.Throws<ArgumentOutOfRangeException>(() => household.MoveTo(Huancane, Registered.AddDays(-1)));
        Assert.Null(Assert.Single(household.Memberships).ToUtc);
    }
}

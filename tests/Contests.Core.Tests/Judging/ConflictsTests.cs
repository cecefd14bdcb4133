using Contests.Core.Judging;

namespace Contests.Core.Tests.Judging;

public sealed class ConflictsTests
{
    private static JurorTies Juror(int? household = 10, int? community = 1, int[]? organizations = null, Dictionary<int, string>? declared = null) =>
        new(household, community is { } c ? new HashSet<int> { c } : [], (organizations ?? []).ToHashSet(), declared ?? []);

    [Fact]
    public void Unrelated_EntryHasNoConflict()
    {
        Assert.Empty(Conflicts.Between(Juror(), new EntryTies(100, HouseholdId: 11, CommunityId: 2, OrganizationId: null)));
    }

    [Fact]
    public void OwnHousehold_IsAlsoTheOwnCommunity_BothReasonsGiven()
    {
        var found = Conflicts.Between(Juror(), new EntryTies(100, HouseholdId: 10, CommunityId: 1, OrganizationId: null));

        Assert.Equal([ConflictReason.OwnHousehold, ConflictReason.OwnCommunity], found.Select(c => c.Reason));
    }

    [Fact]
    public void NeighbourInTheSameCommunity_IsAConflict()
    {
        var found = Conflicts.Between(Juror(), new EntryTies(100, HouseholdId: 12, CommunityId: 1, OrganizationId: null));

        Assert.Equal(ConflictReason.OwnCommunity, Assert.Single(found).Reason);
    }

    [Fact]
    public void TheJurorsCommunityAsACompetitor_IsAConflict()
    {
        var found = Conflicts.Between(Juror(household: null), new EntryTies(100, HouseholdId: null, CommunityId: 1, OrganizationId: null));

        Assert.Equal(ConflictReason.OwnCommunity, Assert.Single(found).Reason);
    }

    [Fact]
    public void OrganizationTheJurorBelongsTo_IsAConflict_OthersAreNot()
    {
        var juror = Juror(household: null, community: null, organizations: [7, 8]);

        Assert.Equal(ConflictReason.OwnOrganization, Assert.Single(Conflicts.Between(juror, new EntryTies(100, null, null, 8))).Reason);
        Assert.Empty(Conflicts.Between(juror, new EntryTies(101, null, null, 9)));
    }

    [Fact]
    public void DeclaredConflict_CarriesItsReason_ForThatEntryOnly()
    {
        var juror = Juror(declared: new Dictionary<int, string> { [100] = "Es mi compadre" });

        var found = Conflicts.Between(juror, new EntryTies(100, 20, 3, null));

        Assert.Equal(new Conflict(ConflictReason.Declared, "Es mi compadre"), Assert.Single(found));
        Assert.Empty(Conflicts.Between(juror, new EntryTies(101, 20, 3, null)));
    }

    [Fact]
    public void JurorWithoutHouseholdOrCommunity_IsNotInConflictWithEntriesMissingThem()
    {
        Assert.Empty(Conflicts.Between(Juror(household: null, community: null), new EntryTies(100, null, null, null)));
    }
}

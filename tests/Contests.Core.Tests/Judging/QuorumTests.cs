using Contests.Core.Judging;

namespace Contests.Core.Tests.Judging;

public sealed class QuorumTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 3)]
    [InlineData(6, 4)]
    [InlineData(10, 6)]
    public void Needed_IsMoreThanHalfOfTheVotingMembers(int voting, int needed)
    {
        Assert.Equal(needed, Quorum.Needed(voting));
    }

    [Fact]
    public void Observers_NeitherCountAsMembersNorAsPresent()
    {
        LracRole[] members = [LracRole.President, LracRole.Secretary, LracRole.Member, LracRole.Member, LracRole.Observer, LracRole.Observer];

        Assert.False(Quorum.Met(members, [LracRole.President, LracRole.Observer, LracRole.Observer]));
        Assert.False(Quorum.Met(members, [LracRole.President, LracRole.Member]));
        Assert.True(Quorum.Met(members, [LracRole.President, LracRole.Member, LracRole.Member]));
    }

    [Theory]
    [InlineData(LracRole.President, true)]
    [InlineData(LracRole.Secretary, true)]
    [InlineData(LracRole.Member, true)]
    [InlineData(LracRole.Observer, false)]
    public void Votes_EveryRoleButObserver(LracRole role, bool votes)
    {
        Assert.Equal(votes, Quorum.Votes(role));
    }

    [Fact]
    public void ACommitteeOfObservers_NeverHasQuorum()
    {
        Assert.False(Quorum.Met([LracRole.Observer], [LracRole.Observer]));
    }
}

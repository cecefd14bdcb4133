namespace Contests.Core.Judging;

public enum LracRole
{
    President,
    Secretary,
    Member,

    /// <summary>Attends and may speak, but does not vote nor count for quorum.</summary>
    Observer,
}

/// <summary>
/// The LRAC's quorum (docs/architecture.md#rules-review-publication-and-appeals: no publication without an approved acta with quorum). By default
/// more than half of the voting members (president, secretary, members; not observers) must be
/// present; a committee with no voting member never has quorum.
/// </summary>
public static class Quorum
{
    /// <summary>Whether a member of this role votes and counts for quorum (everyone but observers): the one place that says so.</summary>
    public static bool Votes(LracRole role) => role != LracRole.Observer;

    /// <summary>The fewest voting members present for quorum: more than half.</summary>
    public static int Needed(int votingMembers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(votingMembers);
        return (votingMembers / 2) + 1;
    }

    public static bool Met(IReadOnlyCollection<LracRole> members, IReadOnlyCollection<LracRole> present)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(present);
        var voting = members.Count(Votes);
        return voting > 0 && present.Count(Votes) >= Needed(voting);
    }
}

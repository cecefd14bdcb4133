namespace Contests.Core.Judging;

/// <summary>Why a juror may not score an entry.</summary>
public enum ConflictReason
{
    /// <summary>The entry is the juror's own household.</summary>
    OwnHousehold,

    /// <summary>The entry is from the juror's community (or is the community itself).</summary>
    OwnCommunity,

    /// <summary>The entry is an organization the juror belongs to or sits on the board of.</summary>
    OwnOrganization,

    /// <summary>Declared by the juror or an officer, with a reason.</summary>
    Declared,
}

/// <summary>
/// Where a juror stands: their household, the communities they live in or represent, the organizations
/// they belong to or sit on, and the conflicts declared for them (entry id → reason).
/// </summary>
public sealed record JurorTies(int? HouseholdId, IReadOnlySet<int> CommunityIds, IReadOnlySet<int> OrganizationIds, IReadOnlyDictionary<int, string> DeclaredByEntry);

/// <summary>What a conflict check needs of an entry (as it was registered).</summary>
public sealed record EntryTies(int EntryId, int? HouseholdId, int? CommunityId, int? OrganizationId);

/// <summary>One excluded pair and why (the officer sees every reason).</summary>
public sealed record Conflict(ConflictReason Reason, string? Detail);

/// <summary>
/// Conflicts of interest (docs/architecture.md#rules-judging): a juror never scores their own household, an entry of their
/// community, an organization they belong to or sit on, nor an entry they (or an officer) declared a
/// conflict with. Every reason is returned, not just the first, so the officer sees why a pair is
/// excluded.
/// </summary>
public static class Conflicts
{
    public static IReadOnlyList<Conflict> Between(JurorTies juror, EntryTies entry)
    {
        ArgumentNullException.ThrowIfNull(juror);
        ArgumentNullException.ThrowIfNull(entry);
        var found = new List<Conflict>();
        if (juror.HouseholdId is { } household && entry.HouseholdId == household)
        {
            found.Add(new Conflict(ConflictReason.OwnHousehold, null));
        }
        if (entry.CommunityId is { } community && juror.CommunityIds.Contains(community))
        {
            found.Add(new Conflict(ConflictReason.OwnCommunity, null));
        }
        if (entry.OrganizationId is { } organization && juror.OrganizationIds.Contains(organization))
        {
            found.Add(new Conflict(ConflictReason.OwnOrganization, null));
        }
        if (juror.DeclaredByEntry.TryGetValue(entry.EntryId, out var reason))
        {
            found.Add(new Conflict(ConflictReason.Declared, reason));
        }
        return found;
    }
}

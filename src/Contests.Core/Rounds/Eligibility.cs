using Contests.Core.Common;

namespace Contests.Core.Rounds;

/// <summary>Who competes in a round.</summary>
public enum RoundLevel
{
    /// <summary>Households compete within their community.</summary>
    Households,

    /// <summary>Communities compete within their watershed.</summary>
    Communities,

    /// <summary>Organizations present plans asking for co-financing.</summary>
    Organizations,
}

/// <summary>
/// Where a round runs: any of its districts, communities and watersheds (empty = everywhere the
/// programme works). A competitor is in scope when its place matches any of them.
/// </summary>
public sealed record RoundScope(IReadOnlySet<string> Districts, IReadOnlySet<int> Communities, IReadOnlySet<int> Watersheds)
{
    public static RoundScope Everywhere { get; } = new(new HashSet<string>(), new HashSet<int>(), new HashSet<int>());

    public bool IsEverywhere => Districts.Count == 0 && Communities.Count == 0 && Watersheds.Count == 0;

    public bool Contains(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return IsEverywhere
            || Districts.Contains(place.DistrictUbigeo)
            || (place.CommunityId is { } community && Communities.Contains(community))
            || place.WatershedIds.Any(Watersheds.Contains);
    }
}

/// <summary>Where a competitor is: its district, its community (households and communities) and the watersheds that community is in.</summary>
public sealed record Place(string DistrictUbigeo, int? CommunityId, IReadOnlyCollection<int> WatershedIds);

/// <summary>What registration needs to know about a competitor, gathered from the registry and earlier rounds.</summary>
public sealed record Candidate
{
    public required RoundLevel Level { get; init; }

    public required Place Place { get; init; }

    /// <summary>Already has an entry (not withdrawn) in this round.</summary>
    public bool AlreadyEntered { get; init; }

    /// <summary>For a plan: how many times this plan was presented before and not approved.</summary>
    public int PreviousPlanRejections { get; init; }

    /// <summary>Has an active, verified bank account (organizations may register without one, flagged).</summary>
    public bool HasVerifiedAccount { get; init; }
}

/// <summary>The outcome of an eligibility check: refusals (nothing registered) and flags (registered, shown to the officer).</summary>
public sealed record EligibilityResult(IReadOnlyList<DomainError> Refusals, IReadOnlyList<DomainError> Flags)
{
    public bool Eligible => Refusals.Count == 0;
}

/// <summary>
/// The registration rules (docs/architecture.md#rules-registration): only while the round is open; the competitor's kind matches
/// the round's level; in scope; one entry per competitor per round; a plan rejected twice can't be
/// presented a third time. An organization without a verified account may register, flagged: it can
/// only be paid into a verified account.
/// </summary>
public static class Eligibility
{
    public const int MaxPlanRejections = 2;

    public static EligibilityResult Check(RoundPhase phase, RoundLevel level, RoundScope scope, Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(candidate);
        var refusals = new List<DomainError>();
        var flags = new List<DomainError>();
        if (phase != RoundPhase.Open)
        {
            refusals.Add(new DomainError("Entry.RoundNotOpen", null, phase));
        }
        if (candidate.Level != level)
        {
            refusals.Add(new DomainError("Entry.WrongLevel", null, candidate.Level, level));
        }
        if (!scope.Contains(candidate.Place))
        {
            refusals.Add(new DomainError("Entry.OutOfScope"));
        }
        if (candidate.AlreadyEntered)
        {
            refusals.Add(new DomainError("Entry.AlreadyEntered"));
        }
        if (level == RoundLevel.Organizations)
        {
            if (candidate.PreviousPlanRejections >= MaxPlanRejections)
            {
                refusals.Add(new DomainError("Entry.PlanRejectedTwice", null, candidate.PreviousPlanRejections));
            }
            if (!candidate.HasVerifiedAccount)
            {
                flags.Add(new DomainError("Entry.NoVerifiedAccount"));
            }
        }
        return new EligibilityResult(refusals, flags);
    }
}

using Contests.Core.Common;
using Contests.Core.Registry;

namespace Contests.Core.Impact;

/// <summary>The subgroups an estimate is split by, as the programme's indicators split their counts.</summary>
public enum SplitBy
{
    HeadSex,
    Youth,
    MotherTongue,
}

/// <summary>
/// The estimate in one subgroup (e.g. women-headed households), or why it could not be made, with its n. The group is a
/// <see cref="Sex"/> or <see cref="MotherTongue"/> name, <c>Unknown</c>, or <c>Young</c>/<c>NotYoung</c>; the refusal is the
/// first refusal when the subgroup cannot be estimated (e.g. fewer than two treated).
/// </summary>
public sealed record SplitEstimate(SplitBy By, string Group, int Treated, int Comparison, DidEstimate? Estimate, DomainError? Refusal);

/// <summary>
/// The pre-trend placebo: the waves before anyone in the sample was treated, and — with two or more — the estimate of a
/// fictitious treatment at the last of them, on those waves only. Without an effect and with parallel trends it should be
/// near 0, its interval covering 0; an interval away from 0 says the groups were already drifting apart before the contests.
/// PreWaves counts the waves dated before the first treatment in the sample; the refusal says why there is no placebo:
/// <c>Impact.PlaceboTooFewPreWaves</c>, or the estimate's own refusal.
/// </summary>
public sealed record PlaceboCheck(int PreWaves, DidEstimate? Estimate, DomainError? Refusal)
{
    public const int MinPreWaves = 2;

    public bool CoversZero => Estimate is { } e && e.ConfidenceLow <= 0 && 0 <= e.ConfidenceHigh;
}

/// <summary>
/// The whole analysis: the estimate on every eligible household, and, when matching was asked for, the matching and
/// the estimate on the matched sample; the placebo and the splits run on the sample the headline uses (matched when
/// matched).
/// </summary>
public sealed record ImpactReport(DidEstimate Estimate, MatchingResult? Matching, DidEstimate? Matched, PlaceboCheck Placebo,
    IReadOnlyList<SplitEstimate> Splits, IReadOnlySet<int> Sample)
{
    /// <summary>The estimate to read first: on the matched sample when there is one.</summary>
    public DidEstimate Headline => Matched ?? Estimate;
}

/// <summary>
/// Runs the difference-in-differences with its checks: optional propensity-score matching before it
/// (<see cref="PropensityMatching"/>), the pre-trend placebo, and the estimate split by sex of the head, youth and mother
/// tongue (the splits need the households' <see cref="HouseholdTraits"/>; without them there are none).
/// </summary>
public static class ImpactAnalysis
{
    public static (Result Result, ImpactReport? Report) Run(DidInput input, IReadOnlyList<MatchOn> matchOn)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(matchOn);
        var (result, estimate) = DifferenceInDifferences.Estimate(input);
        if (!result.Succeeded)
        {
            return (result, null);
        }
        var selection = DifferenceInDifferences.Select(input);
        var sample = selection.Treated.Concat(selection.Comparison).ToList();
        MatchingResult? matching = null;
        DidEstimate? matched = null;
        if (matchOn.Count > 0)
        {
            var (names, rows) = PropensityMatching.Covariates(sample, matchOn);
            var treatedRows = selection.Treated.Select((h, i) => (h.Id, rows[i])).ToList();
            var comparisonRows = selection.Comparison.Select((h, i) => (h.Id, rows[selection.Treated.Count + i])).ToList();
            (result, matching) = PropensityMatching.Match(treatedRows, comparisonRows, names);
            if (!result.Succeeded)
            {
                return (result, null);
            }
            var chosen = matching!.Pairs.SelectMany(p => new[] { p.Treated, p.Comparison }).ToHashSet();
            sample = [.. sample.Where(h => chosen.Contains(h.Id))];
            (result, matched) = DifferenceInDifferences.Estimate(input with { Households = sample });
            if (!result.Succeeded)
            {
                return (result, null);
            }
        }
        return (Result.Success(), new ImpactReport(estimate!, matching, matched, Placebo(input, sample), Splits(input, sample),
            sample.Select(h => h.Id).ToHashSet()));
    }

    /// <summary>The placebo on the waves before the sample's first treatment, the fictitious treatment at the last of them.</summary>
    public static PlaceboCheck Placebo(DidInput input, IReadOnlyList<PanelHousehold> sample)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sample);
        var first = sample.Where(h => h.TreatedOn is not null).Min(h => h.TreatedOn);
        var pre = input.Waves.Where(w => first is null || w < first).ToList();
        if (pre.Count < PlaceboCheck.MinPreWaves)
        {
            return new PlaceboCheck(pre.Count, null, new DomainError("Impact.PlaceboTooFewPreWaves", null, pre.Count, PlaceboCheck.MinPreWaves));
        }
        var fictitious = sample.Select(h => h.TreatedOn is null ? h : h with { TreatedOn = pre[^1] }).ToList();
        var (result, estimate) = DifferenceInDifferences.Estimate(new DidInput(pre, fictitious, []));
        return new PlaceboCheck(pre.Count, estimate, result.Succeeded ? null : result.Errors[0]);
    }

    /// <summary>The estimate per subgroup of the sample, by sex of the head, youth and mother tongue (unknown its own group).</summary>
    public static IReadOnlyList<SplitEstimate> Splits(DidInput input, IReadOnlyList<PanelHousehold> sample)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Count == 0 || sample.Any(h => h.Traits is null))
        {
            return [];
        }
        var splits = new List<SplitEstimate>();
        foreach (var by in Enum.GetValues<SplitBy>())
        {
            var groups = sample.GroupBy(h => by switch
            {
                SplitBy.HeadSex => h.Traits!.HeadSex.ToString(),
                SplitBy.Youth => h.Traits!.Youth ? "Young" : "NotYoung",
                _ => h.Traits!.MotherTongue?.ToString() ?? "Unknown",
            });
            foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var members = group.ToList();
                var (result, estimate) = DifferenceInDifferences.Estimate(input with { Households = members, Covariates = [] });
                var treated = members.Count(h => h.TreatedOn is not null);
                splits.Add(new SplitEstimate(by, group.Key, treated, members.Count - treated, estimate, result.Succeeded ? null : result.Errors[0]));
            }
        }
        return splits;
    }
}

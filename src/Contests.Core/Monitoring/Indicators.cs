using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Rounds;

namespace Contests.Core.Monitoring;

/// <summary>
/// One entry as the indicators read it: its round, the year it counts in, what it competed as, the
/// household's facts fixed at entry (households only) and whether it reached the qualifying score.
/// </summary>
public sealed record ParticipationRow(int EntryId, int RoundId, int Year, RoundLevel Level, int? HouseholdId, int? CommunityId,
    int? OrganizationId, DateTime RegisteredUtc, ParticipantFacts? Facts, bool Approved);

/// <summary>Money an entry was awarded by an approved acta (its latest version), by funding source.</summary>
public sealed record AwardRow(int EntryId, int RoundId, int Year, int? HouseholdId, string DistrictUbigeo, Theme? Theme,
    decimal Amount, IReadOnlyList<SourceAmount> Sources);

public sealed record SourceAmount(int SourceId, decimal Amount);

/// <summary>A count split the way funders ask: by sex of the head, youth, mother tongue.</summary>
public sealed record Disaggregation(int Total, int Women, int Men, int Youth, IReadOnlyDictionary<MotherTongue, int> ByTongue,
    int TongueUnknown);

/// <summary>Participation in a period (design of the logframe's "communities and families involved in contests").</summary>
public sealed record Participation(
    Disaggregation Households,
    Disaggregation Persons,
    int WomenHeadedHouseholds,
    int CommunitiesPresented,
    int CommunitiesApproved,
    int OrganizationsPresented,
    int OrganizationsApproved,
    int RepeatHouseholds);

/// <summary>
/// Households that share the facts of their first entry of the period, and how many they are: what the database counts
/// so that a period of hundreds of thousands of entries is not read row by row.
/// </summary>
public sealed record HouseholdGroup(ParticipantFacts Facts, int Households);

/// <summary>A household's prize money in the period (approved actas, awards with money) and the rounds it won money in.</summary>
public sealed record HouseholdPrize(int HouseholdId, decimal Amount, int Rounds);

/// <summary>Awarded money summed under a key (a district, theme, year…) with the number of awards.</summary>
public sealed record KeyedAmount<TKey>(TKey Key, decimal Amount, int Awards) where TKey : notnull;

/// <summary>How the money of the period was spread.</summary>
public sealed record Concentration(int Households, int TopHouseholds, decimal TopShare, int RepeatWinners, decimal RepeatWinnersShare);

/// <summary>
/// The programme's monitoring indicators, each defined once here and computed from rows the database
/// projects. Every figure counts a household or person once per period, with the facts it had when it
/// entered — its first entry of the period when it entered several rounds.
/// </summary>
public static class Indicators
{
    /// <summary>The top decile whose share of the money measures concentration (elite capture).</summary>
    public const decimal TopShareOfHouseholds = 0.10m;

    public static Participation Participation(IEnumerable<ParticipationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        // One pass: each household's first entry (by registration time, then entry id) and whether it entered a second round.
        var households = new Dictionary<int, (ParticipationRow First, int SomeRound, bool Repeat)>();
        foreach (var r in list)
        {
            if (r.Level != RoundLevel.Households || r.HouseholdId is not { } household || r.Facts is null)
            {
                continue;
            }
            if (!households.TryGetValue(household, out var h))
            {
                households.Add(household, (r, r.RoundId, false));
                continue;
            }
            var earlier = r.RegisteredUtc < h.First.RegisteredUtc || (r.RegisteredUtc == h.First.RegisteredUtc && r.EntryId < h.First.EntryId);
            households[household] = (earlier ? r : h.First, h.SomeRound, h.Repeat || r.RoundId != h.SomeRound);
        }
        var groups = new Dictionary<ParticipantFacts, int>();
        foreach (var h in households.Values)
        {
            groups[h.First.Facts!] = groups.GetValueOrDefault(h.First.Facts!) + 1;
        }
        return Participation(
            [.. groups.Select(g => new HouseholdGroup(g.Key, g.Value))],
            households.Values.Count(h => h.Repeat),
            list);
    }

    /// <summary>
    /// Participation from households already counted: <paramref name="households"/> grouped by the facts of each household's
    /// first entry of the period (by registration time, then entry id), <paramref name="repeatHouseholds"/> those that
    /// entered two or more rounds, and the entries of communities and organizations (other rows are ignored).
    /// </summary>
    public static Participation Participation(IReadOnlyCollection<HouseholdGroup> households, int repeatHouseholds,
        IEnumerable<ParticipationRow> collectives)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(collectives);
        var list = collectives.ToList();
        return new Participation(
            Households: SplitGroups(households, _ => 1),
            Persons: SplitGroups(households, f => f.Persons),
            WomenHeadedHouseholds: households.Where(g => g.Facts.WomenHeaded).Sum(g => g.Households),
            CommunitiesPresented: Distinct(list, RoundLevel.Communities, r => r.CommunityId, approvedOnly: false),
            CommunitiesApproved: Distinct(list, RoundLevel.Communities, r => r.CommunityId, approvedOnly: true),
            OrganizationsPresented: Distinct(list, RoundLevel.Organizations, r => r.OrganizationId, approvedOnly: false),
            OrganizationsApproved: Distinct(list, RoundLevel.Organizations, r => r.OrganizationId, approvedOnly: true),
            RepeatHouseholds: repeatHouseholds);
    }

    /// <summary>Counts (or persons, with <paramref name="weight"/>) split by sex of the head, youth and mother tongue.</summary>
    public static Disaggregation Split(IReadOnlyCollection<ParticipantFacts> facts, Func<ParticipantFacts, int> weight)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return SplitGroups([.. facts.Select(f => new HouseholdGroup(f, 1))], weight);
    }

    /// <summary>As <see cref="Split"/>, over households grouped by their facts (each group weighs its count times the weight).</summary>
    public static Disaggregation SplitGroups(IReadOnlyCollection<HouseholdGroup> groups, Func<ParticipantFacts, int> weight)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(weight);
        int Sum(Func<ParticipantFacts, bool> where) => groups.Where(g => where(g.Facts)).Sum(g => g.Households * weight(g.Facts));
        var byTongue = Enum.GetValues<MotherTongue>().ToDictionary(t => t, t => Sum(f => f.MotherTongue == t));
        return new Disaggregation(
            Total: Sum(_ => true),
            Women: Sum(f => f.HeadSex == Sex.Female),
            Men: Sum(f => f.HeadSex == Sex.Male),
            Youth: Sum(f => f.Youth),
            ByTongue: byTongue,
            TongueUnknown: Sum(f => f.MotherTongue is null));
    }

    private static int Distinct(List<ParticipationRow> rows, RoundLevel level, Func<ParticipationRow, int?> id, bool approvedOnly) =>
        rows.Where(r => r.Level == level && id(r) is not null && (!approvedOnly || r.Approved)).Select(r => id(r)!.Value).Distinct().Count();

    /// <summary>Sums of the awarded money grouped by any key (year, district, theme…), largest first, ties by key.</summary>
    public static IReadOnlyList<(TKey Key, decimal Amount, int Awards)> AwardedBy<TKey>(IEnumerable<AwardRow> awards, Func<AwardRow, TKey> key)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(awards);
        ArgumentNullException.ThrowIfNull(key);
        return Ranked(awards.Where(a => a.Amount > 0).Select(a => new KeyedAmount<TKey>(key(a), a.Amount, 1)));
    }

    /// <summary>
    /// As <see cref="AwardedBy"/>, from money already summed (by the database, under a finer key such as round and district):
    /// merged by key, largest first, ties by key.
    /// </summary>
    public static IReadOnlyList<(TKey Key, decimal Amount, int Awards)> Ranked<TKey>(IEnumerable<KeyedAmount<TKey>> sums) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(sums);
        return sums.GroupBy(s => s.Key)
            .Select(g => (g.Key, g.Sum(s => s.Amount), g.Sum(s => s.Awards)))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key)
            .ToList();
    }

    /// <summary>The awarded money per funding source (an award's split, not its whole amount, goes to each source).</summary>
    public static IReadOnlyDictionary<int, decimal> AwardedBySource(IEnumerable<AwardRow> awards)
    {
        ArgumentNullException.ThrowIfNull(awards);
        return awards.SelectMany(a => a.Sources).GroupBy(s => s.SourceId).ToDictionary(g => g.Key, g => g.Sum(s => s.Amount));
    }

    /// <summary>Average prize over the awards with money, to the céntimo (half away from zero); null when none.</summary>
    public static decimal? AveragePrize(IEnumerable<AwardRow> awards)
    {
        ArgumentNullException.ThrowIfNull(awards);
        return AverageOf(awards.Select(a => a.Amount));
    }

    /// <summary>As <see cref="AveragePrize"/>, over the awards' amounts (those not above zero are left out).</summary>
    public static decimal? AverageOf(IEnumerable<decimal> prizes)
    {
        ArgumentNullException.ThrowIfNull(prizes);
        var amounts = prizes.Where(a => a > 0).ToList();
        return amounts.Count == 0 ? null : decimal.Round(amounts.Sum() / amounts.Count, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Median prize over the awards with money (the mean of the two middle ones for an even count).</summary>
    public static decimal? MedianPrize(IEnumerable<AwardRow> awards)
    {
        ArgumentNullException.ThrowIfNull(awards);
        return MedianOf(awards.Select(a => a.Amount));
    }

    /// <summary>As <see cref="MedianPrize"/>, over the awards' amounts (those not above zero are left out).</summary>
    public static decimal? MedianOf(IEnumerable<decimal> prizes)
    {
        ArgumentNullException.ThrowIfNull(prizes);
        var amounts = prizes.Where(a => a > 0).Order().ToList();
        if (amounts.Count == 0)
        {
            return null;
        }
        var middle = amounts.Count / 2;
        return amounts.Count % 2 == 1
            ? amounts[middle]
            : decimal.Round((amounts[middle - 1] + amounts[middle]) / 2, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Concentration of household prizes over the period given (usually the programme's years): among the
    /// households that took part (those in <paramref name="participants"/>, with or without a prize), the
    /// share of all household prize money that went to the top 10 % (⌈N / 10⌉ households, ranked by money;
    /// tied households have the same money, so which of them is taken never changes the figure); and the households that won
    /// money in two or more rounds with their share.
    /// </summary>
    public static Concentration Concentration(IEnumerable<int> participants, IEnumerable<AwardRow> awards)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(awards);
        var households = participants.ToHashSet();
        var won = awards.Where(a => a.HouseholdId is not null && a.Amount > 0).ToList();
        var byHousehold = won.GroupBy(a => a.HouseholdId!.Value)
            .Select(g => new HouseholdPrize(g.Key, g.Sum(a => a.Amount), g.Select(a => a.RoundId).Distinct().Count()))
            .ToList();
        households.UnionWith(byHousehold.Select(h => h.HouseholdId)); // a winner took part, whatever the caller's list says
        return Concentration(households.Count, byHousehold);
    }

    /// <summary>
    /// As <see cref="Concentration(IEnumerable{int}, IEnumerable{AwardRow})"/>, from figures already summed per household:
    /// <paramref name="households"/> households took part (the winners among them), <paramref name="winners"/> each
    /// winner's money and rounds. The top 10 % are the ⌈N / 10⌉ households with most money; which of several tied
    /// households is taken doesn't change the sum, so ties need no order here.
    /// </summary>
    public static Concentration Concentration(int households, IEnumerable<HouseholdPrize> winners)
    {
        ArgumentNullException.ThrowIfNull(winners);
        var won = winners.Where(w => w.Amount > 0).ToList();
        var total = won.Sum(w => w.Amount);
        var top = (int)Math.Ceiling(households * TopShareOfHouseholds);
        var topAmount = won.Select(w => w.Amount).OrderDescending().Take(top).Sum();
        var repeat = won.Where(w => w.Rounds >= 2).ToList();
        return new Concentration(
            Households: households,
            TopHouseholds: top,
            TopShare: Share(topAmount, total),
            RepeatWinners: repeat.Count,
            RepeatWinnersShare: Share(repeat.Sum(w => w.Amount), total));
    }

    /// <summary>A part of a whole as a fraction rounded to 4 decimals (0.4567 = 45.67 %); 0 when the whole is 0.</summary>
    public static decimal Share(decimal part, decimal whole) =>
        whole == 0 ? 0m : decimal.Round(part / whole, 4, MidpointRounding.AwayFromZero);
}

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
        var households = list
            .Where(r => r.Level == RoundLevel.Households && r.HouseholdId is not null && r.Facts is not null)
            .GroupBy(r => r.HouseholdId!.Value)
            .Select(g => (First: g.OrderBy(r => r.RegisteredUtc).ThenBy(r => r.EntryId).First(), Rounds: g.Select(r => r.RoundId).Distinct().Count()))
            .ToList();
        var facts = households.Select(h => h.First.Facts!).ToList();
        return new Participation(
            Households: Split(facts, _ => 1),
            Persons: Split(facts, f => f.Persons),
            WomenHeadedHouseholds: facts.Count(f => f.WomenHeaded),
            CommunitiesPresented: Distinct(list, RoundLevel.Communities, r => r.CommunityId, approvedOnly: false),
            CommunitiesApproved: Distinct(list, RoundLevel.Communities, r => r.CommunityId, approvedOnly: true),
            OrganizationsPresented: Distinct(list, RoundLevel.Organizations, r => r.OrganizationId, approvedOnly: false),
            OrganizationsApproved: Distinct(list, RoundLevel.Organizations, r => r.OrganizationId, approvedOnly: true),
            RepeatHouseholds: households.Count(h => h.Rounds >= 2));
    }

    /// <summary>Counts (or persons, with <paramref name="weight"/>) split by sex of the head, youth and mother tongue.</summary>
    public static Disaggregation Split(IReadOnlyCollection<ParticipantFacts> facts, Func<ParticipantFacts, int> weight)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(weight);
        var byTongue = Enum.GetValues<MotherTongue>().ToDictionary(t => t, t => facts.Where(f => f.MotherTongue == t).Sum(weight));
        return new Disaggregation(
            Total: facts.Sum(weight),
            Women: facts.Where(f => f.HeadSex == Sex.Female).Sum(weight),
            Men: facts.Where(f => f.HeadSex == Sex.Male).Sum(weight),
            Youth: facts.Where(f => f.Youth).Sum(weight),
            ByTongue: byTongue,
            TongueUnknown: facts.Where(f => f.MotherTongue is null).Sum(weight));
    }

    private static int Distinct(List<ParticipationRow> rows, RoundLevel level, Func<ParticipationRow, int?> id, bool approvedOnly) =>
        rows.Where(r => r.Level == level && id(r) is not null && (!approvedOnly || r.Approved)).Select(r => id(r)!.Value).Distinct().Count();

    /// <summary>Sums of the awarded money grouped by any key (year, district, theme…), largest first, ties by key.</summary>
    public static IReadOnlyList<(TKey Key, decimal Amount, int Awards)> AwardedBy<TKey>(IEnumerable<AwardRow> awards, Func<AwardRow, TKey> key)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(awards);
        ArgumentNullException.ThrowIfNull(key);
        return awards.Where(a => a.Amount > 0)
            .GroupBy(key)
            .Select(g => (g.Key, g.Sum(a => a.Amount), g.Count()))
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
        var amounts = awards.Where(a => a.Amount > 0).Select(a => a.Amount).ToList();
        return amounts.Count == 0 ? null : decimal.Round(amounts.Sum() / amounts.Count, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Median prize over the awards with money (the mean of the two middle ones for an even count).</summary>
    public static decimal? MedianPrize(IEnumerable<AwardRow> awards)
    {
        ArgumentNullException.ThrowIfNull(awards);
        var amounts = awards.Where(a => a.Amount > 0).Select(a => a.Amount).Order().ToList();
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
    /// share of all household prize money that went to the top 10 % (⌈N / 10⌉ households, ranked by money,
    /// ties by household id so the figure never depends on database order); and the households that won
    /// money in two or more rounds with their share.
    /// </summary>
    public static Concentration Concentration(IEnumerable<int> participants, IEnumerable<AwardRow> awards)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(awards);
        var households = participants.Distinct().ToList();
        var won = awards.Where(a => a.HouseholdId is not null && a.Amount > 0).ToList();
        var byHousehold = won.GroupBy(a => a.HouseholdId!.Value)
            .ToDictionary(g => g.Key, g => (Amount: g.Sum(a => a.Amount), Rounds: g.Select(a => a.RoundId).Distinct().Count()));
        foreach (var winner in byHousehold.Keys.Where(k => !households.Contains(k)).ToList())
        {
            households.Add(winner); // a winner took part, whatever the caller's list says
        }
        var total = byHousehold.Values.Sum(v => v.Amount);
        var top = (int)Math.Ceiling(households.Count * TopShareOfHouseholds);
        var topAmount = households
            .Select(h => (Id: h, Amount: byHousehold.TryGetValue(h, out var v) ? v.Amount : 0m))
            .OrderByDescending(h => h.Amount).ThenBy(h => h.Id)
            .Take(top).Sum(h => h.Amount);
        var repeat = byHousehold.Where(h => h.Value.Rounds >= 2).ToList();
        return new Concentration(
            Households: households.Count,
            TopHouseholds: top,
            TopShare: Share(topAmount, total),
            RepeatWinners: repeat.Count,
            RepeatWinnersShare: Share(repeat.Sum(h => h.Value.Amount), total));
    }

    /// <summary>A part of a whole as a fraction rounded to 4 decimals (0.4567 = 45.67 %); 0 when the whole is 0.</summary>
    public static decimal Share(decimal part, decimal whole) =>
        whole == 0 ? 0m : decimal.Round(part / whole, 4, MidpointRounding.AwayFromZero);
}

using System.Diagnostics;
using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Monitoring;

/// <summary>The filters of the indicators page as typed (a GET form: strings, so that a bad value gets its own message).</summary>
public sealed class IndicatorFilterForm
{
    public string? Year { get; set; }

    public string? District { get; set; }

    public string? Theme { get; set; }

    public string? Level { get; set; }

    public string? Round { get; set; }
}

/// <summary>The filters once read: null = all.</summary>
public sealed record IndicatorFilter(int? Year, string? District, Theme? Theme, RoundLevel? Level, int? RoundId)
{
    public static readonly IndicatorFilter All = new(null, null, null, null, null);

    /// <summary>Reads the form; every bad value is reported on its field (resource keys), none is guessed.</summary>
    public static (IndicatorFilter? Filter, IReadOnlyList<(string Field, string Code)> Errors) Parse(IndicatorFilterForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<(string, string)>();
        int? year = null;
        if (!string.IsNullOrWhiteSpace(form.Year))
        {
            if (int.TryParse(form.Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= MinYear and <= MaxYear)
            {
                year = y;
            }
            else
            {
                errors.Add((nameof(form.Year), "Monitoring.BadYear"));
            }
        }
        string? district = null;
        if (!string.IsNullOrWhiteSpace(form.District))
        {
            if (Ubigeo.TryParse(form.District.Trim(), nameof(form.District), out _) is { } ubigeo)
            {
                district = ubigeo.Value;
            }
            else
            {
                errors.Add((nameof(form.District), "Monitoring.BadDistrict"));
            }
        }
        var theme = ParseEnum<Theme>(form.Theme, nameof(form.Theme), "Monitoring.BadTheme", errors);
        var level = ParseEnum<RoundLevel>(form.Level, nameof(form.Level), "Monitoring.BadLevel", errors);
        int? round = null;
        if (!string.IsNullOrWhiteSpace(form.Round))
        {
            if (int.TryParse(form.Round.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0)
            {
                round = r;
            }
            else
            {
                errors.Add((nameof(form.Round), "Monitoring.BadRound"));
            }
        }
        return errors.Count > 0 ? (null, errors) : (new IndicatorFilter(year, district, theme, level, round), errors);
    }

    /// <summary>The years a programme year can be (no contest before 2000; nothing planned past 2100).</summary>
    public const int MinYear = 2000;

    public const int MaxYear = 2100;

    private static TEnum? ParseEnum<TEnum>(string? value, string field, string code, List<(string, string)> errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        // Only the names: Enum.TryParse would take "7" or "1,2" too.
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            errors.Add((field, code));
            return null;
        }
        return Enum.Parse<TEnum>(name);
    }
}

/// <summary>A round as the indicators see it; its year is the Lima year it was created (the programme year it counts in).</summary>
public sealed record RoundFacts(int Id, string Name, RoundLevel Level, RoundPhase Phase, int Year, IReadOnlyList<Theme> Themes)
{
    /// <summary>A round's theme for the money and results by theme: its one theme; null when it has none or several.</summary>
    public Theme? Theme => Themes.Count == 1 ? Themes[0] : null;
}

public sealed record NamedAmount(string Key, string Name, decimal Amount, int Count);

public sealed record RoundFigures(int RoundId, string Name, int Year, RoundLevel Level, int Entries, int Households, decimal Awarded, decimal Paid,
    RoundPhase Phase);

public sealed record ContestCount(string Key, int Rounds);

/// <summary>A co-financer with its name, for the page and the API.</summary>
public sealed record NamedCoFinancer(string Name, CoFinancer Figures);

/// <summary>Everything the page shows, computed by Core's <see cref="Indicators"/> and <see cref="Results"/>.</summary>
public sealed record IndicatorReport(
    IndicatorFilter Filter,
    int Entries,
    Participation Participation,
    IReadOnlyList<ContestCount> ContestsByTheme,
    IReadOnlyList<ContestCount> ContestsByLevel,
    int LracSessions,
    int LracsOperating,
    decimal Awarded,
    int Awards,
    decimal Paid,
    decimal? AveragePrize,
    decimal? MedianPrize,
    Concentration Concentration,
    IReadOnlyList<NamedAmount> BySource,
    IReadOnlyList<NamedAmount> ByDistrict,
    IReadOnlyList<NamedAmount> ByTheme,
    IReadOnlyList<NamedAmount> ByYear,
    CounterpartSummary Counterpart,
    IReadOnlyList<NamedCoFinancer> CoFinancers,
    ResultSummary Results,
    IReadOnlyList<(Theme? Theme, ResultSummary Summary)> ResultsByTheme,
    IReadOnlyList<RoundFigures> Rounds);

/// <summary>What the filter form offers (rounds and districts that exist).</summary>
public sealed record IndicatorChoices(IReadOnlyList<int> Years, IReadOnlyList<(string Ubigeo, string Name)> Districts, IReadOnlyList<(int Id, string Name)> Rounds);

public sealed record IndicatorPageModel(IndicatorFilterForm Form, IndicatorChoices Choices, IndicatorReport? Report);

/// <summary>
/// The indicators page: projects slim rows from the database — never whole entities — and hands them
/// to Core's definitions. Rounds (tens) are read whole and filtered in memory (their year is a Lima year); entries,
/// awards, payouts and visits are read as narrow rows of the chosen rounds only, or summed by the database where a figure
/// is a plain sum (the awards' funding by round and source, the paid payouts by round).
/// </summary>
public sealed partial class IndicatorPage(ContestsDbContext db, DbContextOptions<ContestsDbContext> options, ILogger<IndicatorPage> log)
{
    public async Task<IReadOnlyList<RoundFacts>> RoundsAsync(CancellationToken ct)
    {
        var rows = await db.Rounds.AsNoTracking()
            .Select(r => new { r.Id, r.Name, r.Level, r.Phase, r.CreatedUtc, Themes = r.Themes.Select(t => t.Theme).ToList() })
            .ToListAsync(ct);
        return rows.Select(r => new RoundFacts(r.Id, r.Name, r.Level, r.Phase, LimaTime.FromUtc(r.CreatedUtc).Year, r.Themes.Order().ToList()))
            .OrderBy(r => r.Id).ToList();
    }

    /// <summary>What the filter form offers; read on a context of its own, so it can run while the figures are computed.</summary>
    public async Task<IndicatorChoices> ChoicesAsync(IReadOnlyList<RoundFacts> rounds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var districts = await ReadAsync("districts", c => c.Districts.Where(d => c.Entries.Any(e => e.DistrictUbigeo == d.Ubigeo))
            .OrderBy(d => d.Name).Select(d => new { d.Ubigeo, d.Name }).ToListAsync(ct), ct);
        return new IndicatorChoices(
            rounds.Select(r => r.Year).Distinct().Order().ToList(),
            districts.Select(d => (d.Ubigeo, d.Name)).ToList(),
            rounds.Select(r => (r.Id, r.Name)).ToList());
    }

    public static IReadOnlyList<RoundFacts> Select(IReadOnlyList<RoundFacts> rounds, IndicatorFilter filter)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(filter);
        return rounds.Where(r => (filter.Year is null || r.Year == filter.Year)
                && (filter.Theme is null || r.Themes.Contains(filter.Theme.Value))
                && (filter.Level is null || r.Level == filter.Level)
                && (filter.RoundId is null || r.Id == filter.RoundId))
            .ToList();
    }

    public Task<IndicatorReport> ReportAsync(IReadOnlyList<RoundFacts> allRounds, IndicatorFilter filter, CancellationToken ct) =>
        ComputeAsync(Select(allRounds, filter), filter, ct);

    /// <summary>
    /// The indicators over the rounds given (already chosen), entries of <paramref name="filter"/>'s district only. The
    /// database counts the entries (per round; the households grouped by the facts of their first entry; the repeat
    /// households; the distinct participants) and sums the awards' funding, so that no command returns a row per entry; the
    /// approved awards come back as narrow rows with their entry's household, organization and district (the prizes' median
    /// and concentration need them one by one), the paid payouts as (round, amount) rows, the visits with their items. Each
    /// read runs on its own context and connection at the same time as the others. When every round is chosen the queries
    /// carry no list of rounds (a list of tens of ids made SQLite walk the entries through an index, row by row); rows are
    /// kept by round in memory either way.
    /// </summary>
    public async Task<IndicatorReport> ComputeAsync(IReadOnlyList<RoundFacts> rounds, IndicatorFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(filter);
        var byId = rounds.ToDictionary(r => r.Id);
        var ids = byId.Keys.ToList();
        var district = filter.District;
        var everyRound = ids.Count > 0 && ids.Count >= await db.Rounds.CountAsync(ct);
        var scope = new ReadScope(ids, everyRound, district);

        // Per round, its entries; its households are its entries if it is a households' round. A round has one level, only a
        // household's entry has a household, and the database keeps one entry per competitor and round among those not
        // withdrawn (the unique index on round and competitor key, which SQLite also reads to count without the table).
        var perRoundRead = ReadAsync("entries per round", c => scope.Entries(c)
            .GroupBy(e => e.RoundId)
            .Select(g => new { RoundId = g.Key, Entries = g.Count() })
            .ToDictionaryAsync(g => g.RoundId, g => g.Entries, ct), ct);
        var participantsRead = ReadAsync("participants", c => scope.Entries(c)
            .Where(e => e.HouseholdId != null).Select(e => e.HouseholdId).Distinct().CountAsync(ct), ct);
        var householdsRead = ReadAsync("households by first entry", c => FirstEntryGroupsAsync(c, scope, ct), ct);
        var repeatRead = ReadAsync("repeat households", c => HouseholdEntries(c, scope)
            .GroupBy(e => e.HouseholdId)
            .Where(g => g.Min(e => e.RoundId) != g.Max(e => e.RoundId))
            .CountAsync(ct), ct);
        // Communities' and organizations' entries (tens or hundreds), with whether a qualifying award approved them.
        var collectivesRead = ReadAsync("collectives", c => scope.Entries(c)
            .Where(e => e.Level != RoundLevel.Households)
            .Select(e => new CollectiveEntry(e.Id, e.RoundId, e.Level, e.CommunityId, e.OrganizationId, e.RegisteredUtc,
                scope.Awards(c).Any(a => a.EntryId == e.Id && a.Qualified)))
            .ToListAsync(ct), ct);
        // Approved awards (any amount: the results' prizes) of the entries counted, with what the money tables need of the entry.
        var awardsRead = ReadAsync("awards", c => scope.Awards(c)
            .Join(scope.Entries(c), a => a.EntryId, e => e.Id,
                (a, e) => new ApprovedAward(a.EntryId, a.RoundId, a.Amount, e.HouseholdId, e.OrganizationId, e.DistrictUbigeo, e.Counterpart))
            .ToListAsync(ct), ct);
        // The awards' split by funding source, summed per round and source over the awards with money of the entries counted.
        var sharesRead = ReadAsync("funding", c => scope.Awards(c).Where(a => a.Amount > 0 && scope.Counted(c).Any(e => e.Id == a.EntryId))
            .SelectMany(a => a.Funding, (a, f) => new { a.RoundId, f.FundingSourceId, f.Amount })
            .GroupBy(f => new { f.RoundId, f.FundingSourceId })
            .Select(g => new RoundSourceShare(g.Key.RoundId, g.Key.FundingSourceId, g.Sum(f => f.Amount), g.Count()))
            .ToListAsync(ct), ct);
        // Paid = payouts marked paid (cash receipt or the bank's answer) of the entries counted. Read as rows and summed here:
        // SQLite keeps decimals as text and sums them through a function called back per row, several times slower.
        var paidRead = ReadAsync("payouts", c => scope.Payouts(c).Where(p => scope.Counted(c).Any(e => e.Id == p.EntryId))
            .Select(p => new RoundAmount(p.RoundId, p.Amount))
            .ToListAsync(ct), ct);
        var visitsRead = ReadAsync("visits", c => VisitsAsync(c, scope, ct), ct);
        var smallRead = ReadAsync("sessions, sources, budgets", async c => (
            Sessions: await c.Actas.AsNoTracking()
                .Where(a => ids.Contains(a.RoundId) && a.Kind == ActaKind.Session && a.ApprovedUtc != null)
                .Select(a => a.RoundId)
                .ToListAsync(ct),
            Sources: await c.FundingSources.AsNoTracking().Select(s => new FundingSourceRow(s.Id, s.Name, s.Kind, s.Committed)).ToListAsync(ct),
            Budgets: await BudgetsAsync(c, ids, ct)), ct);

        var perRound = (await perRoundRead).Where(r => byId.ContainsKey(r.Key))
            .ToDictionary(r => r.Key, r => new RoundCount(r.Value, byId[r.Key].Level == RoundLevel.Households ? r.Value : 0));
        var approved = (await awardsRead).Where(a => byId.ContainsKey(a.RoundId)).ToList();
        var shares = (await sharesRead).Where(s => byId.ContainsKey(s.RoundId)).ToList();
        var paid = (await paidRead).Where(p => byId.ContainsKey(p.RoundId)).GroupBy(p => p.RoundId).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        var (sessions, sources, budgets) = await smallRead;
        var participants = await participantsRead;
        var participation = Indicators.Participation(await householdsRead, await repeatRead,
            (await collectivesRead).Where(e => byId.ContainsKey(e.RoundId))
                .Select(e => new ParticipationRow(e.Id, e.RoundId, byId[e.RoundId].Year, e.Level, null, e.CommunityId, e.OrganizationId,
                    e.RegisteredUtc, null, e.Approved)));

        var awarded = approved.Where(a => a.Amount > 0).ToList();
        // Awards with money summed per round and district: every money table and the rounds' table come from these few rows.
        var sums = awarded
            .GroupBy(a => (a.RoundId, a.DistrictUbigeo))
            .Select(g => new { g.Key.RoundId, g.Key.DistrictUbigeo, Amount = g.Sum(a => a.Amount), Awards = g.Count() })
            .ToList();
        var prizes = HouseholdPrizes(awarded);
        var amounts = awarded.Select(a => a.Amount).ToList();

        var sourceNames = sources.ToDictionary(s => s.Id, s => s.Name);
        var counterpart = await CounterpartAsync(
            [.. awarded.Where(a => a.OrganizationId != null).Select(a => (a.EntryId, a.OrganizationId!.Value, a.Amount, a.Counterpart))], ct);
        // Names only of the districts the money went to (the filter's choices already read theirs).
        var awardedDistricts = sums.Select(a => a.DistrictUbigeo).Distinct().ToList();
        var districtNames = await db.Districts.AsNoTracking()
            .Where(d => awardedDistricts.Contains(d.Ubigeo))
            .ToDictionaryAsync(d => d.Ubigeo, d => d.Name, ct);

        var prizeByEntry = new Dictionary<int, decimal>();
        foreach (var a in approved)
        {
            prizeByEntry[a.EntryId] = prizeByEntry.GetValueOrDefault(a.EntryId) + a.Amount;
        }
        var results = Results(await visitsRead, prizeByEntry, byId);
        var published = rounds.Where(r => r.Phase >= RoundPhase.Published).ToList();

        return new IndicatorReport(
            filter,
            Entries: perRound.Values.Sum(r => r.Entries),
            Participation: participation,
            ContestsByTheme: published.SelectMany(r => r.Themes).GroupBy(t => t).OrderBy(g => g.Key)
                .Select(g => new ContestCount(g.Key.ToString(), g.Count())).ToList(),
            ContestsByLevel: published.GroupBy(r => r.Level).OrderBy(g => g.Key).Select(g => new ContestCount(g.Key.ToString(), g.Count())).ToList(),
            LracSessions: sessions.Count,
            LracsOperating: sessions.Distinct().Count(),
            Awarded: sums.Sum(a => a.Amount),
            Awards: sums.Sum(a => a.Awards),
            Paid: paid.Values.Sum(),
            AveragePrize: Indicators.AverageOf(amounts),
            MedianPrize: Indicators.MedianOf(amounts),
            Concentration: Indicators.Concentration(participants, prizes),
            BySource: Indicators.Ranked(shares.Select(s => new KeyedAmount<int>(s.FundingSourceId, s.Amount, s.Awards)))
                .Select(s => new NamedAmount(s.Key.ToString(CultureInfo.InvariantCulture), sourceNames.GetValueOrDefault(s.Key, "?"), s.Amount, s.Awards))
                .ToList(),
            ByDistrict: Indicators.Ranked(sums.Select(a => new KeyedAmount<string>(a.DistrictUbigeo, a.Amount, a.Awards)))
                .Select(d => new NamedAmount(d.Key, districtNames.GetValueOrDefault(d.Key, d.Key), d.Amount, d.Awards)).ToList(),
            ByTheme: Indicators.Ranked(sums.Select(a => new KeyedAmount<string>(byId[a.RoundId].Theme?.ToString() ?? string.Empty, a.Amount, a.Awards)))
                .Select(t => new NamedAmount(t.Key, t.Key, t.Amount, t.Awards)).ToList(),
            ByYear: Indicators.Ranked(sums.Select(a => new KeyedAmount<int>(byId[a.RoundId].Year, a.Amount, a.Awards)))
                .Select(y => new NamedAmount(y.Key.ToString(CultureInfo.InvariantCulture), y.Key.ToString(CultureInfo.InvariantCulture), y.Amount, y.Awards))
                .OrderBy(y => y.Key, StringComparer.Ordinal).ToList(),
            Counterpart: Cofinancing.Counterpart(counterpart),
            CoFinancers: [.. Cofinancing.CoFinancersFromShares(sources.Select(s => new FundingSourceFacts(s.Id, s.Kind, s.Committed)), budgets,
                    shares.Select(s => new RoundSourceAmount(s.RoundId, s.FundingSourceId, s.Amount)))
                .Select(c => new NamedCoFinancer(sourceNames.GetValueOrDefault(c.SourceId, "?"), c))],
            Results: results.Summary,
            ResultsByTheme: results.ByTheme,
            Rounds: rounds.Select(r => new RoundFigures(r.Id, r.Name, r.Year, r.Level,
                    perRound.TryGetValue(r.Id, out var counted) ? counted.Entries : 0,
                    counted?.Households ?? 0,
                    sums.Where(a => a.RoundId == r.Id).Sum(a => a.Amount),
                    paid.GetValueOrDefault(r.Id), r.Phase))
                .ToList());
    }

    /// <summary>The households' entries counted (those with the facts fixed at entry).</summary>
    private static IQueryable<Entry> HouseholdEntries(ContestsDbContext c, ReadScope scope) =>
        scope.Entries(c).Where(e => e.Level == RoundLevel.Households && e.HouseholdId != null && e.Facts != null);

    /// <summary>
    /// The households grouped by the facts of their first entry of the period (by registration time, then entry id): the
    /// database keeps the entries with no earlier one of the same household and counts them by their facts.
    /// </summary>
    private static async Task<List<HouseholdGroup>> FirstEntryGroupsAsync(ContestsDbContext c, ReadScope scope, CancellationToken ct)
    {
        var households = HouseholdEntries(c, scope);
        var groups = await households
            .Where(e => !households.Any(o => o.HouseholdId == e.HouseholdId
                && (o.RegisteredUtc < e.RegisteredUtc || (o.RegisteredUtc == e.RegisteredUtc && o.Id < e.Id))))
            .GroupBy(e => new
            {
                Sex = (Sex?)e.Facts!.HeadSex, Age = (int?)e.Facts!.AgeAtEntry, Women = (bool?)e.Facts!.WomenHeaded,
                Tongue = e.Facts!.MotherTongue, Education = e.Facts!.Education, Persons = (int?)e.Facts!.Persons,
            })
            .Select(g => new { g.Key, Households = g.Count() })
            .ToListAsync(ct);
        return [.. groups.Select(g => new HouseholdGroup(
            new ParticipantFacts(g.Key.Sex!.Value, g.Key.Age!.Value, g.Key.Women ?? g.Key.Sex == Sex.Female, g.Key.Tongue, g.Key.Education,
                g.Key.Persons ?? 1),
            g.Households))];
    }

    /// <summary>
    /// One read on a context of its own (its own connection), started on the thread pool: Microsoft.Data.Sqlite runs "async"
    /// commands synchronously, so without <see cref="Task.Run(Func{Task})"/> the reads would still run one after another.
    /// Each read's time and row count go to the log (Debug), which the indicators benchmark prints per query.
    /// </summary>
    private Task<T> ReadAsync<T>(string name, Func<ContestsDbContext, Task<T>> read, CancellationToken ct) =>
        Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            await using var context = new ContestsDbContext(options);
            context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            var result = await read(context);
            LogRead(name, result is System.Collections.ICollection rows ? rows.Count : 1, clock.Elapsed.TotalMilliseconds);
            return result;
        }, ct);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Indicators read {Query}: {Rows} rows in {Milliseconds:0} ms")]
    private partial void LogRead(string query, int rows, double milliseconds);

    /// <summary>What the chosen rounds and district select in each big table, on any context.</summary>
    private sealed record ReadScope(List<int> Ids, bool EveryRound, string? District)
    {
        /// <summary>The entries counted: not withdrawn, of the district, of the rounds (no list when every round is chosen).</summary>
        public IQueryable<Entry> Counted(ContestsDbContext c)
        {
            var (ids, district) = (Ids, District);
            var query = c.Entries.Where(e => e.Status != EntryStatus.Withdrawn && (district == null || e.DistrictUbigeo == district));
            return EveryRound ? query : query.Where(e => ids.Contains(e.RoundId));
        }

        public IQueryable<Entry> Entries(ContestsDbContext c) => Counted(c).AsNoTracking();

        /// <summary>Current awards of approved actas, of the rounds (and of the district's entries).</summary>
        public IQueryable<PrizeAward> Awards(ContestsDbContext c)
        {
            var (ids, district) = (Ids, District);
            var query = c.Awards.AsNoTracking().Where(a => a.Current && c.Actas.Any(x => x.Id == a.ActaId && x.ApprovedUtc != null));
            if (!EveryRound)
            {
                query = query.Where(a => ids.Contains(a.RoundId));
            }
            return district is null ? query : query.Where(a => c.Entries.Any(e => e.Id == a.EntryId && e.DistrictUbigeo == district));
        }

        public IQueryable<Payout> Payouts(ContestsDbContext c)
        {
            var ids = Ids;
            var query = c.Payouts.AsNoTracking().Where(p => p.State == PayoutState.Paid);
            return EveryRound ? query : query.Where(p => ids.Contains(p.RoundId));
        }
    }

    /// <summary>Each winning household's prize money and the number of rounds it won money in (one pass over the awards).</summary>
    private static List<HouseholdPrize> HouseholdPrizes(List<ApprovedAward> awarded)
    {
        var byHousehold = new Dictionary<int, (decimal Amount, int FirstRound, HashSet<int>? Rounds)>();
        foreach (var a in awarded)
        {
            if (a.HouseholdId is not { } household)
            {
                continue;
            }
            if (!byHousehold.TryGetValue(household, out var h))
            {
                byHousehold[household] = (a.Amount, a.RoundId, null);
                continue;
            }
            var rounds = h.Rounds;
            if (a.RoundId != h.FirstRound)
            {
                rounds ??= [h.FirstRound];
                rounds.Add(a.RoundId);
            }
            byHousehold[household] = (h.Amount + a.Amount, h.FirstRound, rounds);
        }
        return [.. byHousehold.Select(h => new HouseholdPrize(h.Key, h.Value.Amount, h.Value.Rounds?.Count ?? 1))];
    }

    private sealed record RoundCount(int Entries, int Households);

    private sealed record CollectiveEntry(int Id, int RoundId, RoundLevel Level, int? CommunityId, int? OrganizationId, DateTime RegisteredUtc,
        bool Approved);

    private sealed record RoundAmount(int RoundId, decimal Amount);

    /// <summary>
    /// Funded organizations (a current award with money in an approved acta) with their plan's counterpart and the
    /// counterpart of their latest contract not voided.
    /// </summary>
    private async Task<List<CounterpartRow>> CounterpartAsync(
        IReadOnlyList<(int EntryId, int OrganizationId, decimal Amount, decimal? Counterpart)> funded, CancellationToken ct)
    {
        var fundedIds = funded.Select(f => f.EntryId).Distinct().ToList();
        var contracts = await db.DonationContracts.AsNoTracking()
            .Where(c => fundedIds.Contains(c.EntryId) && db.Documents.Any(d => d.Id == c.DocumentId && d.VoidedUtc == null))
            .Select(c => new { c.Id, c.EntryId, c.CounterpartAmount })
            .ToListAsync(ct);
        var inForce = contracts.GroupBy(c => c.EntryId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Id)!.CounterpartAmount);
        return [.. funded.Select(f => new CounterpartRow(f.EntryId, f.OrganizationId, f.Amount, f.Counterpart,
            inForce.TryGetValue(f.EntryId, out var c) ? c : null))];
    }

    /// <summary>The budget lines of the chosen rounds' rules in force (their latest version).</summary>
    private static async Task<List<BudgetRow>> BudgetsAsync(ContestsDbContext c, List<int> ids, CancellationToken ct)
    {
        var versions = await c.Set<RoundRulesVersion>().AsNoTracking()
            .Where(v => ids.Contains(v.RoundId))
            .Select(v => new { v.RoundId, v.Number, v.Rules })
            .ToListAsync(ct);
        return [.. versions.GroupBy(v => v.RoundId).Select(g => g.MaxBy(v => v.Number)!)
            .SelectMany(v => v.Rules.Prizes.BudgetLines.Select(b => new BudgetRow(v.RoundId, b.FundingSourceId, b.Amount)))];
    }

    /// <summary>
    /// The follow-up visits (thousands) with their items, the visited entries counted with their round, and the baseline
    /// values of the visited entries.
    /// </summary>
    private static async Task<VisitsRead> VisitsAsync(ContestsDbContext c, ReadScope scope, CancellationToken ct)
    {
        var visits = await c.FollowUpVisits.AsNoTracking()
            .Select(v => new VisitRow(v.Id, v.EntryId, v.VisitedOn, v.OwnInvestment, v.InvestmentKept,
                v.Items.Select(i => new FollowUpItem(i.Position, i.Quantity, i.Value)).ToList()))
            .ToListAsync(ct);
        var visited = await scope.Entries(c)
            .Where(e => c.FollowUpVisits.Any(v => v.EntryId == e.Id))
            .Select(e => new { e.Id, e.RoundId })
            .ToDictionaryAsync(e => e.Id, e => e.RoundId, ct);
        var baseline = (await c.Set<BaselineItem>().AsNoTracking()
                .Where(b => c.FollowUpVisits.Any(v => v.EntryId == b.EntryId))
                .Select(b => new { b.EntryId, b.Position, b.EstimatedValue })
                .ToListAsync(ct))
            .ToLookup(b => b.EntryId, b => new BaselineValue(b.Position, b.EstimatedValue));
        return new VisitsRead(visits, visited, baseline);
    }

    /// <summary>Results over the visited entries counted (of the chosen rounds); their prizes are already in memory.</summary>
    private static (ResultSummary Summary, IReadOnlyList<(Theme? Theme, ResultSummary Summary)> ByTheme) Results(
        VisitsRead read, Dictionary<int, decimal> prizes, Dictionary<int, RoundFacts> rounds)
    {
        var list = read.Visits.Where(v => read.RoundOf.TryGetValue(v.EntryId, out var round) && rounds.ContainsKey(round))
            .GroupBy(v => v.EntryId).OrderBy(g => g.Key)
            .Select(g => new EntryResult(g.Key, rounds[read.RoundOf[g.Key]].Theme, prizes.GetValueOrDefault(g.Key),
                read.Baseline[g.Key].ToList(),
                g.Select(v => new VisitFacts(v.Id, v.VisitedOn, v.Items, v.OwnInvestment, v.InvestmentKept)).ToList()))
            .ToList();
        return (Core.Monitoring.Results.Summarize(list), Core.Monitoring.Results.ByTheme(list));
    }

    private sealed record VisitsRead(List<VisitRow> Visits, Dictionary<int, int> RoundOf, ILookup<int, BaselineValue> Baseline);

    private sealed record ApprovedAward(int EntryId, int RoundId, decimal Amount, int? HouseholdId, int? OrganizationId, string DistrictUbigeo,
        decimal? Counterpart);

    private sealed record RoundSourceShare(int RoundId, int FundingSourceId, decimal Amount, int Awards);

    private sealed record FundingSourceRow(int Id, string Name, FundingSourceKind Kind, decimal Committed);

    private sealed record VisitRow(int Id, int EntryId, DateOnly VisitedOn, decimal OwnInvestment, bool InvestmentKept, List<FollowUpItem> Items);
}

using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Core.Monitoring;
using Contests.Core.Payouts;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Monitoring;

/// <summary>
/// The indicators page lets the database count and sum (grouped by round, district, source, household, facts at entry).
/// These tests hold its figures to Core's definitions applied row by row: the test reads every entry, award and payout of
/// the demo programme itself and computes the figures with <see cref="Indicators"/> and <see cref="Cofinancing"/> over
/// those rows — on each database, with and without filters. The demo is given a household that entered two rounds with
/// different facts (at the same registration time: the lower entry id is its first entry), so the first-entry rule and the
/// repeat households are exercised.
/// </summary>
public abstract class IndicatorSumsTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task Page_FiguresSummedByTheDatabase_EqualCoreDefinitionsOverEveryRow()
    {
        var (first, later) = await SeedAsync();
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);
        var districts = await ReadAsync(db => db.Entries.Select(e => e.DistrictUbigeo).Distinct().ToListAsync());
        var rounds = await ReadAsync(db => db.Entries.Select(e => e.RoundId).Distinct().ToListAsync());
        var queries = new List<(string Query, Func<Entry, bool> Where)> { ("", _ => true) };
        queries.AddRange(districts.Select(d => ($"District={d}", (Func<Entry, bool>)(e => e.DistrictUbigeo == d))));
        queries.AddRange(rounds.Select(r => ($"Round={r}", (Func<Entry, bool>)(e => e.RoundId == r))));

        foreach (var (query, where) in queries)
        {
            var html = await client.GetPageAsync("/monitoring?" + query);
            var expected = await ExpectedAsync(where);
            foreach (var (code, value) in expected.Figures)
            {
                Assert.True(Figure(html, code) == value, $"{query}: {code} is {Figure(html, code)}, Core says {value}");
            }
            foreach (var (table, rows) in expected.Tables)
            {
                Assert.Equal(rows, Table(html, table));
            }
            foreach (var (key, households, persons) in expected.Splits)
            {
                Assert.Equal((households, persons), Split(html, key));
            }
        }
        // The household counted once, with the facts of its first entry (a woman of 20, Quechua, 3 persons), and as a repeat.
        var all = await client.GetPageAsync("/monitoring");
        Assert.True(Figure(all, "repeat-households") >= 1);
        var laterOnly = await client.GetPageAsync($"/monitoring?Round={later.RoundId}");
        var firstOnly = await client.GetPageAsync($"/monitoring?Round={first.RoundId}");
        Assert.True(Split(laterOnly, "tongue-Aymara").Households >= 1, "in its later round alone it counts with that entry's facts");
        Assert.Equal(0, Figure(laterOnly, "repeat-households"));
        Assert.Equal(0, Figure(firstOnly, "repeat-households"));
    }

    private async Task<(Entry First, Entry Later)> SeedAsync()
    {
        await App.ResetToDemoAsync();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var households = await db.Entries.AsNoTracking()
            .Where(e => e.Level == RoundLevel.Households && e.HouseholdId != null && e.Status != EntryStatus.Withdrawn)
            .OrderBy(e => e.Id).ToListAsync();
        var first = households.First();
        var later = households.First(e => e.RoundId != first.RoundId && e.Id > first.Id);
        // The later entry becomes the same household's, registered at the same moment, with other facts.
        await db.Database.ExecuteSqlAsync(
            $"UPDATE entries SET facts_head_sex = 'Female', facts_age_at_entry = 20, facts_women_headed = {true}, facts_mother_tongue = 'Quechua', facts_persons = 3 WHERE id = {first.Id}");
        await db.Database.ExecuteSqlAsync(
            $"UPDATE entries SET household_id = {first.HouseholdId}, registered_utc = {first.RegisteredUtc}, facts_head_sex = 'Male', facts_age_at_entry = 60, facts_women_headed = {false}, facts_mother_tongue = 'Aymara', facts_persons = 7 WHERE id = {later.Id}");
        return (first, later);
    }

    private async Task<T> ReadAsync<T>(Func<ContestsDbContext, Task<T>> read)
    {
        using var scope = App.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<ContestsDbContext>());
    }

    private sealed record Expected(
        IReadOnlyList<(string Code, decimal Value)> Figures,
        IReadOnlyList<(string Table, IReadOnlyList<(string Key, decimal Amount)> Rows)> Tables,
        IReadOnlyList<(string Key, int Households, int Persons)> Splits);

    /// <summary>Every row of the programme read whole, then Core's row-by-row definitions.</summary>
    private Task<Expected> ExpectedAsync(Func<Entry, bool> where) => ReadAsync(async db =>
    {
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.Themes).ToListAsync();
        var years = rounds.ToDictionary(r => r.Id, r => Contests.Core.Common.LimaTime.FromUtc(r.CreatedUtc).Year);
        var themes = rounds.ToDictionary(r => r.Id, r => r.Themes.Count == 1 ? r.Themes.Single().Theme.ToString() : string.Empty);
        var entries = (await db.Entries.AsNoTracking().ToListAsync()).Where(e => e.Status != EntryStatus.Withdrawn && where(e)).ToList();
        var approved = (await db.Actas.AsNoTracking().Where(a => a.ApprovedUtc != null).Select(a => a.Id).ToListAsync()).ToHashSet();
        var awards = (await db.Awards.AsNoTracking().ToListAsync()).Where(a => a.Current && approved.Contains(a.ActaId)).ToList();
        var byEntry = entries.ToDictionary(e => e.Id);
        var rows = entries.Select(e => new ParticipationRow(e.Id, e.RoundId, years[e.RoundId], e.Level, e.HouseholdId, e.CommunityId, e.OrganizationId,
            e.RegisteredUtc, e.Facts, awards.Any(a => a.EntryId == e.Id && a.Qualified))).ToList();
        var awardRows = awards.Where(a => a.Amount > 0 && byEntry.ContainsKey(a.EntryId))
            .Select(a => new AwardRow(a.EntryId, a.RoundId, years[a.RoundId], byEntry[a.EntryId].HouseholdId, byEntry[a.EntryId].DistrictUbigeo, null,
                a.Amount, [.. a.Funding.Select(f => new SourceAmount(f.FundingSourceId, f.Amount))]))
            .ToList();
        var paid = (await db.Payouts.AsNoTracking().Where(p => p.State == PayoutState.Paid).ToListAsync()).Where(p => byEntry.ContainsKey(p.EntryId))
            .Sum(p => p.Amount);
        var p = Indicators.Participation(rows);
        var c = Indicators.Concentration(rows.Where(r => r.HouseholdId is not null).Select(r => r.HouseholdId!.Value), awardRows);
        var sources = await db.FundingSources.AsNoTracking().ToListAsync();
        var cofinancers = Cofinancing.CoFinancers(sources.Select(s => new FundingSourceFacts(s.Id, s.Kind, s.Committed)), [], awardRows);
        var figures = new List<(string, decimal)>
        {
            ("entries", rows.Count), ("households", p.Households.Total), ("persons", p.Persons.Total), ("women-headed", p.WomenHeadedHouseholds),
            ("repeat-households", p.RepeatHouseholds), ("communities-presented", p.CommunitiesPresented), ("communities-approved", p.CommunitiesApproved),
            ("organizations-presented", p.OrganizationsPresented), ("organizations-approved", p.OrganizationsApproved),
            ("awarded", awardRows.Sum(a => a.Amount)), ("paid", paid),
            ("top-share", c.TopShare), ("repeat-winners", c.RepeatWinners),
            ("cofinancers-awarded", cofinancers.Sum(x => x.Awarded)),
        };
        if (Indicators.AveragePrize(awardRows) is { } average)
        {
            figures.Add(("average-prize", average));
            figures.Add(("median-prize", Indicators.MedianPrize(awardRows)!.Value));
        }
        var tables = new List<(string, IReadOnlyList<(string, decimal)>)>
        {
            ("by-source", [.. Indicators.AwardedBySource(awardRows).OrderByDescending(s => s.Value).ThenBy(s => s.Key)
                .Select(s => (s.Key.ToString(CultureInfo.InvariantCulture), s.Value))]),
            ("by-district", [.. Indicators.AwardedBy(awardRows, a => a.DistrictUbigeo).Select(d => (d.Key, d.Amount))]),
            ("by-theme", [.. Indicators.AwardedBy(awardRows, a => themes[a.RoundId]).Select(t => (t.Key, t.Amount))]),
            ("by-year", [.. Indicators.AwardedBy(awardRows, a => a.Year).OrderBy(y => y.Key).Select(y => (y.Key.ToString(CultureInfo.InvariantCulture), y.Amount))]),
        };
        var splits = new List<(string, int, int)>
        {
            ("women", p.Households.Women, p.Persons.Women), ("men", p.Households.Men, p.Persons.Men), ("youth", p.Households.Youth, p.Persons.Youth),
            ("tongue-unknown", p.Households.TongueUnknown, p.Persons.TongueUnknown),
        };
        splits.AddRange(Enum.GetValues<MotherTongue>().Select(t => ("tongue-" + t, p.Households.ByTongue[t], p.Persons.ByTongue[t])));
        return new Expected(figures, tables, splits);
    });

    private static decimal Figure(string html, string code)
    {
        var match = Regex.Match(html, $"<div data-figure=\"{code}\" data-value=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, $"no figure {code}");
        return decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static IReadOnlyList<(string Key, decimal Amount)> Table(string html, string id)
    {
        var start = html.IndexOf($"<table class=\"list\" id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {id}");
        var body = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        return [.. Regex.Matches(body, "<tr data-key=\"([^\"]*)\">.*?data-amount=\"([^\"]+)\"", RegexOptions.Singleline, TimeSpan.FromSeconds(1))
            .Select(m => (m.Groups[1].Value, decimal.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))];
    }

    private static (int Households, int Persons) Split(string html, string key)
    {
        var match = Regex.Match(html, $"<tr data-split=\"{key}\">.*?data-households=\"(\\d+)\".*?data-persons=\"(\\d+)\"", RegexOptions.Singleline,
            TimeSpan.FromSeconds(1));
        Assert.True(match.Success, $"no row {key}");
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }
}

public sealed class IndicatorSumsTestsOnSqlite(SqliteApp app) : IndicatorSumsTests<SqliteApp>(app);

public sealed class IndicatorSumsTestsOnPostgres(PostgresApp app) : IndicatorSumsTests<PostgresApp>(app);

using Contests.Core.Monitoring;
using Contests.Core.Rounds;
using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.FollowUp;

/// <summary>The demo programme's follow-up visits: on its published and paying rounds, a spread the indicators can show.</summary>
public abstract class DemoFollowUpTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task DemoSeed_VisitsMostWinnersOfThePublishedRounds_SomeAssetsGrownSomeNot_AFewInvestmentsNotKept()
    {
        await App.ResetToDemoAsync();

        using var read = App.Services.CreateScope();
        var db = read.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var published = await db.Rounds.Where(r => r.Phase >= RoundPhase.Published).Select(r => r.Id).ToListAsync();
        var prizes = await db.Awards.Where(a => a.Current && published.Contains(a.RoundId)).GroupBy(a => a.EntryId)
            .ToDictionaryAsync(g => g.Key, g => g.Sum(a => a.Amount));
        var entries = await db.Entries.AsNoTracking().Include(e => e.Baseline).Where(e => published.Contains(e.RoundId)).ToDictionaryAsync(e => e.Id);
        var visits = await db.FollowUpVisits.AsNoTracking().ToListAsync();
        var results = visits.GroupBy(v => v.EntryId).Select(g => new EntryResult(g.Key, null, prizes.GetValueOrDefault(g.Key),
            [.. entries[g.Key].Baseline.Select(b => new BaselineValue(b.Position, b.EstimatedValue))],
            [.. g.Select(v => new VisitFacts(v.Id, v.VisitedOn, [.. v.Items], v.OwnInvestment, v.InvestmentKept))])).ToList();

        Assert.All(visits, v => Assert.Contains(v.EntryId, entries.Keys));
        Assert.True(published.Count >= 2, "The demo has published rounds.");
        Assert.All(published, r => Assert.Contains(visits, v => entries[v.EntryId].RoundId == r));
        var winners = prizes.Count(p => p.Value > 0);
        var visitedWinners = results.Count(r => r.Prize > 0);
        Assert.InRange(visitedWinners, (int)Math.Ceiling(winners * 0.6), winners - 1);
        Assert.Contains(results, r => r.AssetChange > 0);
        Assert.Contains(results, r => r.AssetChange <= 0);
        var summary = Results.Summarize(results);
        Assert.NotNull(summary.ChangePerSol);
        Assert.NotNull(summary.InvestmentPerSol);
        Assert.InRange(summary.KeptShare, 0.5m, 0.99m);

        using (var again = App.Services.CreateScope())
        {
            await again.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }
        Assert.Equal(visits.Count, await db.FollowUpVisits.CountAsync());
    }
}

public sealed class DemoFollowUpTestsOnSqlite(SqliteApp app) : DemoFollowUpTests<SqliteApp>(app);

public sealed class DemoFollowUpTestsOnPostgres(PostgresApp app) : DemoFollowUpTests<PostgresApp>(app);

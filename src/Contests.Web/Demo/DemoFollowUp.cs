using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Demo.DemoCheck;

namespace Contests.Web.Demo;

/// <summary>
/// Follow-up visits on the demo's published and paying rounds, so the entry pages and the indicators show real figures:
/// four winners in five visited (and one family without a prize), most assets grown, one in six the same and one in six smaller, the
/// investment not kept in one visit in six; spending split between two categories, the family's own money on top.
/// Deterministic (by entry number); added once — a database that has visits keeps them.
/// </summary>
internal static class DemoFollowUp
{
    public static async Task SeedAsync(ContestsDbContext db, int officerId, DateTime now, CancellationToken ct)
    {
        if (await db.FollowUpVisits.AnyAsync(ct))
        {
            return;
        }
        var rounds = await db.Rounds.Where(r => r.Phase >= RoundPhase.Published).Select(r => r.Id).ToListAsync(ct);
        var prizes = await db.Awards.Where(a => rounds.Contains(a.RoundId) && a.Current)
            .GroupBy(a => a.EntryId).Select(g => new { EntryId = g.Key, Amount = g.Sum(a => a.Amount) }).ToDictionaryAsync(a => a.EntryId, a => a.Amount, ct);
        var entries = await db.Entries.Include(e => e.Baseline).Where(e => rounds.Contains(e.RoundId) && e.Status == EntryStatus.Registered)
            .OrderBy(e => e.RoundId).ThenBy(e => e.Number).ToListAsync(ct);
        var today = DateOnly.FromDateTime(LimaTime.FromUtc(now));
        foreach (var entry in entries)
        {
            var prize = prizes.GetValueOrDefault(entry.Id);
            var n = entry.Number;
            // Four winners in five; among the families without a prize, only the first.
            if ((prize > 0 && n % 5 == 4) || (prize == 0 && n != entries.Where(e => e.RoundId == entry.RoundId && prizes.GetValueOrDefault(e.Id) == 0).Min(e => e.Number)))
            {
                continue;
            }
            var entered = DateOnly.FromDateTime(LimaTime.FromUtc(entry.RegisteredUtc));
            var visitedOn = today.AddDays(-(n % 3));
            if (visitedOn < entered)
            {
                visitedOn = entered;
            }
            // Most grown by 20 % to 60 %; one in six the same; one in six smaller (animals sold or lost).
            var factor = n % 6 == 1 ? 0.85m : n % 6 == 3 ? 1m : 1.2m + (n % 5 * 0.1m);
            var items = entry.Baseline.OrderBy(b => b.Position).Select(b => new FollowUpItemInput(b.Position, decimal.Round(b.Quantity * factor, 1),
                b.EstimatedValue is { } v ? decimal.Round(v * factor, 2) : null)).ToList();
            var spent = decimal.Round(prize * 0.9m, 2);
            var spending = new Dictionary<SpendingCategory, decimal?>();
            if (spent > 0)
            {
                var main = (n % 3) switch { 0 => SpendingCategory.Housing, 1 => SpendingCategory.Tools, _ => SpendingCategory.Animals };
                spending[main] = decimal.Round(spent * 0.7m, 2);
                spending[n % 2 == 0 ? SpendingCategory.SeedsAndPlants : SpendingCategory.Savings] = spent - decimal.Round(spent * 0.7m, 2);
            }
            var input = new FollowUpInput
            {
                VisitedOn = visitedOn,
                VisitedBy = n % 2 == 0 ? Visitor.Lrac : Visitor.Officer,
                VisitorName = n % 2 == 0 ? "Comité del CLAR" : "Rosa Huamán Quispe",
                Items = items,
                Spending = spending,
                OwnInvestment = decimal.Round((prize > 0 ? prize : 300m) * (0.1m + (n % 4 * 0.1m)), 2),
                InvestmentKept = n % 6 != 5,
                Notes = n % 6 == 5 ? "Vendió los animales comprados con el premio para cubrir una emergencia de salud." : null,
            };
            var (result, visit) = FollowUpVisit.Record(entry, input, officerId, now);
            Must(result);
            db.FollowUpVisits.Add(visit!);
        }
        await db.SaveChangesAsync(ct);
    }
}

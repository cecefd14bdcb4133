using Contests.Core.Common;
using Contests.Core.Impact;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Demo;

/// <summary>
/// A household survey on the demo's registry, so the impact page shows a real estimate: every registry household —
/// those that entered a soil-and-water round and those that never did — answered at a baseline two months before the
/// first such entry and at a follow-up today. The outcomes are simulated with a known effect: the value of productive
/// assets grows by S/ 300 for everyone and by <see cref="AssetEffect"/> more for the households that took part, with
/// household, community and wave noise (seeded, so the demo is the same every time). Added once.
/// </summary>
internal static class DemoImpact
{
    public const string SurveyName = "Encuesta de hogares — suelo y agua";

    /// <summary>The simulated effect of taking part on the value of productive assets (soles).</summary>
    public const decimal AssetEffect = 800m;

    /// <summary>The simulated effect on hectares under improved pasture.</summary>
    public const decimal PastureEffect = 0.4m;

    public static async Task SeedAsync(ContestsDbContext db, int officerId, DateTime now, CancellationToken ct)
    {
        if (await db.Surveys.AnyAsync(ct))
        {
            return;
        }
        var rounds = db.Rounds.Where(r => r.Themes.Any(t => t.Theme == Theme.SoilAndWater)).Select(r => r.Id);
        var entered = (await db.Entries.Where(e => rounds.Contains(e.RoundId) && e.HouseholdId != null && e.Status != EntryStatus.Withdrawn)
                .Select(e => new { HouseholdId = e.HouseholdId!.Value, e.RegisteredUtc }).ToListAsync(ct))
            .GroupBy(e => e.HouseholdId).ToDictionary(g => g.Key, g => g.Min(e => e.RegisteredUtc));
        var households = await db.Households.OrderBy(h => h.Id).Select(h => new { h.Id, h.CommunityId }).ToListAsync(ct);
        if (entered.Count < 2 || households.Count - entered.Count < 2)
        {
            return;
        }
        var today = DateOnly.FromDateTime(LimaTime.FromUtc(now));
        var baseline = DateOnly.FromDateTime(LimaTime.FromUtc(entered.Values.Min())).AddMonths(-2);

        var (result, survey) = Survey.Define(SurveyName,
            [new("activos_valor", "Valor de activos productivos (S/)"), new("pastos_ha", "Hectáreas con pastos mejorados")], officerId, now);
        DemoCheck.Must(result);
        DemoCheck.Must(survey!.AddWave("Línea de base", baseline).Result);
        DemoCheck.Must(survey.AddWave("Seguimiento 1", today).Result);
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(ct);

        var waves = survey.WavesInOrder();
        var assets = survey.Indicators.Single(i => i.Code == "activos_valor").Id;
        var pasture = survey.Indicators.Single(i => i.Code == "pastos_ha").Id;
        var random = new Random(23);
        var communityShock = households.Select(h => h.CommunityId).Distinct().ToDictionary(c => c, _ => (decimal)(random.NextDouble() * 400) - 200);
        foreach (var h in households)
        {
            var treated = entered.ContainsKey(h.Id);
            var level = 2500m + (120 * (h.Id % 9)) + communityShock[h.CommunityId];
            var before = decimal.Round(level + Noise(random, 150), 2);
            var after = decimal.Round(level + 300 + (treated ? AssetEffect : 0) + (communityShock[h.CommunityId] / 2) + Noise(random, 150), 2);
            var haBefore = decimal.Round(0.5m + (h.Id % 4 * 0.25m) + Noise(random, 0.1), 2);
            var haAfter = decimal.Round(haBefore + 0.1m + (treated ? PastureEffect : 0) + Noise(random, 0.1), 2);
            db.SurveyAnswers.AddRange(
                SurveyAnswer.Record(waves[0].Id, h.Id, assets, before, officerId, now),
                SurveyAnswer.Record(waves[1].Id, h.Id, assets, after, officerId, now),
                SurveyAnswer.Record(waves[0].Id, h.Id, pasture, Math.Max(0, haBefore), officerId, now),
                SurveyAnswer.Record(waves[1].Id, h.Id, pasture, Math.Max(0, haAfter), officerId, now));
        }
        await db.SaveChangesAsync(ct);
    }

    private static decimal Noise(Random random, double scale) => (decimal)((random.NextDouble() - 0.5) * 2 * scale);
}

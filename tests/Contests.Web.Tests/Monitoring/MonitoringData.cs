using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Payouts;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Monitoring;

/// <summary>
/// A round whose acta is approved (<see cref="PayoutData.FinalAsync"/>: five
/// households; Juana S/ 600.00 and Pedro S/ 400.00) with facts fixed at entry set by hand:
/// N.° 1 Juana  woman 25 (young) Quechua 4 persons — visited, invested 300, kept
/// N.° 2 Pedro  man   40          Quechua 5 persons — visited, invested 100, not kept
/// N.° 3 Rosa   woman 29 (young) Spanish 3 persons
/// N.° 4 María  woman 30          unknown 2 persons
/// N.° 5 Hilda  man   15 (young) Aymara  1 person
/// Households 5 (women 3, men 2, youth 3); persons 15 (women 9, men 6, youth 8); Quechua 2 households, 9 persons.
/// </summary>
public static class MonitoringData
{
    private static readonly (string Sex, int Age, string? Tongue, int Persons)[] Facts =
    [
        ("Female", 25, "Quechua", 4), ("Male", 40, "Quechua", 5), ("Female", 29, "Spanish", 3), ("Female", 30, null, 2), ("Male", 15, "Aymara", 1),
    ];

    public static async Task<JudgingRound> SeedAsync(ContestsApp app)
    {
        var data = new PayoutData(app);
        var round = await data.FinalAsync();
        var ids = await data.Registry.ReadAsync(db => db.Entries.Where(e => e.RoundId == round.Id).OrderBy(e => e.Number).Select(e => e.Id).ToListAsync());
        Assert.Equal(5, ids.Count);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Contests.Web.Infrastructure.Persistence.ContestsDbContext>();
            for (var i = 0; i < ids.Count; i++)
            {
                var (sex, age, tongue, persons) = Facts[i];
                var (women, id) = (sex == "Female", ids[i]);
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE entries SET facts_head_sex = {sex}, facts_age_at_entry = {age}, facts_women_headed = {women}, facts_mother_tongue = {tongue}, facts_persons = {persons} WHERE id = {id}");
            }
            // Juana's registry record today says she was born in 1950: she still counts as the young woman who entered.
            var juana = round.World.Juana;
            await db.Database.ExecuteSqlAsync($"UPDATE households SET head_birth_year = 1950 WHERE id = {juana}");
        }
        var officer = await data.UserIdAsync(TestUsers.Officer);
        var today = DateOnly.FromDateTime(LimaTime.FromUtc(app.Clock.GetUtcNow().UtcDateTime));
        await data.Registry.WriteAsync(db =>
        {
            foreach (var (entryId, invested, kept) in new[] { (ids[0], 300m, true), (ids[1], 100m, false) })
            {
                var entry = db.Entries.Include(e => e.Baseline).Single(e => e.Id == entryId);
                var (result, visit) = FollowUpVisit.Record(entry, new FollowUpInput
                {
                    VisitedOn = today, VisitedBy = Visitor.Officer, VisitorName = "Julio Ccahuana", OwnInvestment = invested, InvestmentKept = kept,
                }, officer, app.Clock.GetUtcNow().UtcDateTime);
                Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
                db.FollowUpVisits.Add(visit!);
            }
            return 0;
        });
        return round;
    }
}

using Contests.Core.Payouts;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Review;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Payouts;

/// <summary>
/// A round whose results are final (<see cref="ReviewData"/>: Juana N.° 1 wins S/ 600.00, Pedro N.° 2 S/ 400.00, nobody
/// else; the acta approved on 23/11/2026, appeals until 30/11; the clock moved to 02/12/2026 and the round to Final).
/// Juana's account is verified; Pedro's is typed by the officer and not verified unless asked.
/// </summary>
public sealed class PayoutData(ContestsApp app)
{
    public static readonly Cci JuanasCci = Cci.Compose("018", "251", "004401234567");
    public static readonly Cci PedrosCci = Cci.Compose("002", "193", "001234567890");

    public ReviewData Review { get; } = new(app);

    public Contests.Web.Tests.Registry.RegistryData Registry => Review.Judging.Registry;

    public async Task<JudgingRound> FinalAsync(bool pedroVerified = false, bool pedroHasAccount = true)
    {
        var round = await Review.InReviewAsync();
        using (var officer = await app.SignedInClientAsync(TestUsers.Officer))
        {
            await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);
            var session = $"/rounds/{Id(round.Id)}/session";
            await RedirectsToAsync(await officer.PostFormAsync(session, session + "/approve", ("Approve.AppealsUntil", "2026-11-30"), ("Approve.Confirmed", "true")), session);
        }
        app.Clock.Advance(TimeSpan.FromDays(9));
        await Registry.WriteAsync(db =>
        {
            var r = db.Rounds.AsSplitQuery().Single(x => x.Id == round.Id);
            Assert.True(r.MoveTo(RoundPhase.Final, new PhaseFacts { ActaApprovedWithQuorum = true, AppealsWindowOver = true }, false, round.OfficerId,
                app.Clock.GetUtcNow().UtcDateTime).Succeeded);
            return 0;
        });
        var financeId = await UserIdAsync(TestUsers.Finance);
        var juana = await Registry.AddAccountAsync(AccountHolderKind.Household, round.World.Juana, JuanasCci, "Juana Quispe Mamani");
        await Registry.WriteAsync(db => db.BankAccounts.Single(a => a.Id == juana).Verify(financeId, TestUsers.Finance, app.Clock.GetUtcNow().UtcDateTime));
        if (pedroHasAccount)
        {
            var pedro = await Registry.AddAccountAsync(AccountHolderKind.Household, round.World.Pedro, PedrosCci, "Pedro Huamán Ccori");
            if (pedroVerified)
            {
                await Registry.WriteAsync(db => db.BankAccounts.Single(a => a.Id == pedro).Verify(financeId, TestUsers.Finance, app.Clock.GetUtcNow().UtcDateTime));
            }
        }
        return round;
    }

    public Task<int> UserIdAsync(string userName) => Registry.ReadAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public Task<List<Payout>> PayoutsAsync(int roundId) => Registry.ReadAsync(db =>
        db.Payouts.AsNoTracking().Where(p => p.RoundId == roundId).OrderBy(p => p.EntryNumber).ThenBy(p => p.Tranche).ThenBy(p => p.Version).ToListAsync());

    public Task<PayoutBatch> BatchAsync(int batchId) => Registry.ReadAsync(db => db.PayoutBatches.AsNoTracking().SingleAsync(b => b.Id == batchId));

    /// <summary>The officer creates the round's payouts; returns them.</summary>
    public async Task<List<Payout>> CreatedAsync(JudgingRound round)
    {
        using var officer = await app.SignedInClientAsync(TestUsers.Officer);
        var page = $"/rounds/{Id(round.Id)}/payouts";
        await RedirectsToAsync(await officer.PostFormAsync(page, page), page);
        return await PayoutsAsync(round.Id);
    }
}

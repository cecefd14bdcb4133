using System.Net;
using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Registry;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Plans;

/// <summary>
/// A funded plan with its contract in force, for the addenda and the public progress page: a business-plan round whose
/// acta 007-2026 (held the morning of 2026-11-23) funds the Cuyes association (plan S/ 10,000.00 with S/ 2,500.00 of
/// counterpart: S/ 7,500.00 in tranches of 70 % and 30 %), its verified account, its contract signed 2026-11-23 for 12
/// months with two components, the payouts created and the first tranche paid in cash.
/// </summary>
public sealed class ContractedPlan(ContestsApp app)
{
    public const string Cuyes = "Asociación de Criadores de Cuyes Señor de Ánimas";
    public const string Sheds = "Galpones mejorados para cuyes";
    public const string Training = "Capacitación en sanidad y comercialización";
    public const string AccountNumber = "001020034560";
    public static readonly string Cci = Core.Registry.Cci.Compose("802", "301", AccountNumber).Value;

    public JudgingData Judging { get; } = new(app);

    public RegistryData Registry => Judging.Registry;

    public async Task<(int RoundId, int EntryId, int ActaId)> CreateAsync()
    {
        var world = await Judging.Rounds.WorldAsync();
        var cuyes = await Registry.AddOrganizationAsync(Cuyes);
        var account = await Registry.AddAccountAsync(AccountHolderKind.Organization, cuyes, Core.Registry.Cci.Compose("802", "301", AccountNumber), Cuyes);
        var financeId = await Judging.Rounds.UserIdAsync(TestUsers.Finance);
        await Registry.WriteAsync(db => db.BankAccounts.Single(a => a.Id == account).Verify(financeId, TestUsers.Finance, app.Clock.GetUtcNow().UtcDateTime));
        var rules = RoundData.PlanRules(world.SourceId);
        var roundId = await Judging.Rounds.RoundAsync(world, RoundPhase.Review, rules: rules, level: RoundLevel.Organizations, pools: PoolBy.OnePool,
            themes: [Theme.BusinessPlans], name: "Concurso de planes de negocio Abancay 2026");
        var president = await Judging.AddMemberAsync(roundId, await Judging.AccountAsync(JudgingData.LracDni, JudgingData.LracName), new LracMemberInput
        {
            FullName = JudgingData.LracName, Dni = JudgingData.LracDni, Affiliation = Affiliation.Other, AffiliationName = "Agencia Agraria Abancay",
            Role = LracRole.President, FieldJuror = true, PublicJuror = true,
        });
        var secretary = await Judging.AddMemberAsync(roundId, await Judging.AccountAsync(JudgingData.OtherDni, JudgingData.OtherName), new LracMemberInput
        {
            FullName = JudgingData.OtherName, Dni = JudgingData.OtherDni, Affiliation = Affiliation.Other, AffiliationName = "Municipalidad de Tamburco",
            Role = LracRole.Secretary, FieldJuror = true, PublicJuror = true,
        });
        var officerId = await Judging.Rounds.UserIdAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var actaId = await Registry.WriteAsync(db =>
        {
            var round = db.Rounds.AsSplitQuery().Single(r => r.Id == roundId);
            var o = db.Organizations.Single(x => x.Id == cuyes);
            var (result, e) = Entry.Register(round, new Entry.Competitor(o.Id, o.Name, null, o.DistrictUbigeo, false), new PoolAssignment("ALL", round.Name),
                null, new Entry.Plan("Crianza mejorada de cuyes", 10_000m, 2_500m), new EligibilityResult([], []), 1, officerId, now.AddDays(-20));
            Assert.True(result.Succeeded);
            var entry = db.Entries.Add(e!).Entity;
            db.SaveChanges();
            var ranks = new List<RankedEntry> { new(entry.Id, 1, "ALL", 85m, 1, 0, true, false) };
            var allocation = Allocator.Allocate(rules.Prizes,
                [new AllocationEntry(ranks[0], cuyes, Theme.BusinessPlans, RegistryData.Abancay, false, new PlanCosts(10_000m, 2_500m))],
                new Dictionary<int, SourceFacts> { [world.SourceId] = new(world.SourceId, RoundData.SourceName, 10_000m, new HashSet<Theme>(), new HashSet<string>()) });
            Assert.True(allocation.Succeeded);
            var held = now.AddMinutes(-30);
            var acta = Acta.Open(roundId, world.OfficeId, ActaKind.Session, held, "Local comunal de Tamburco", officerId, held, new List<DomainError>())!;
            Assert.True(acta.RecordAttendance([president.MemberId, secretary.MemberId], [president.MemberId, secretary.MemberId]).Succeeded);
            Assert.True(acta.Approve(new ActaApproval(new Dictionary<int, LracRole> { [president.MemberId] = LracRole.President, [secretary.MemberId] = LracRole.Secretary },
                allocation, ranks, 7, now.AddDays(7), officerId, now)).Succeeded);
            db.Actas.Add(acta);
            Assert.True(round.MoveTo(RoundPhase.Published, new PhaseFacts { HasRubric = true, HasBudget = true, Entries = 1, ActaApprovedWithQuorum = true },
                false, officerId, now).Succeeded);
            db.SaveChanges();
            return acta.Id;
        });
        var entryId = await Registry.ReadAsync(db => db.Entries.Where(e => e.RoundId == roundId).Select(e => e.Id).SingleAsync());
        using var officer = await app.SignedInClientAsync(TestUsers.Officer);
        var contract = $"/rounds/{Id(roundId)}/contracts/{Id(entryId)}";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(contract,
            ("Components[0].Name", Sheds), ("Components[0].Project", "5000"), ("Components[0].Counterpart", "1500"),
            ("Components[1].Name", Training), ("Components[1].Project", "2500"), ("Components[1].Counterpart", "1000"),
            ("TermMonths", "12"), ("Place", "Tamburco"), ("SignedOn", "2026-11-23"))).StatusCode);
        await Registry.WriteAsync(db => db.Rounds.AsSplitQuery().Single(r => r.Id == roundId).MoveTo(RoundPhase.Final,
            new PhaseFacts { ActaApprovedWithQuorum = true, AppealsWindowOver = true }, false, officerId, now));
        var payouts = $"/rounds/{Id(roundId)}/payouts";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(payouts, payouts)).StatusCode);
        await Registry.WriteAsync(db =>
        {
            var first = db.Payouts.Single(p => p.EntryId == entryId && p.Tranche == 1);
            Assert.True(first.ChangeMethod(PayoutMethod.Cash).Succeeded);
            Assert.True(first.Approve(financeId, null, null, now).Succeeded);
            Assert.True(first.RecordCashReceipt("R-0001", "Juana Quispe", false, DateOnly.FromDateTime(LimaTime.FromUtc(now)),
                DateOnly.FromDateTime(LimaTime.FromUtc(now)), officerId, now).Succeeded);
            return 0;
        });
        return (roundId, entryId, actaId);
    }
}

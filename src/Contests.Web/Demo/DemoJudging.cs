using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Features.Allocation;
using Contests.Web.Features.Judging;
using Contests.Web.Features.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Demo.DemoCheck;

namespace Contests.Web.Demo;

/// <summary>
/// A round being judged, as the officer and the LRAC find it mid-way: twelve families of the Curahuasi
/// watershed, a CLAR of six (the demo login <c>clar</c> presides it; one member lives in a competing
/// community, so the assignment excludes her from its families; another declared a conflict), sheets
/// assigned, most submitted, some drafted or not started — so the progress board shows what is missing
/// and the ranking shows who is complete.
/// </summary>
internal static class DemoJudging
{
    public const string RoundName = "Concurso interfamiliar de riego y cosecha de agua — Curahuasi 2026";

    /// <summary>A round whose judging is over: every sheet submitted, waiting for the LRAC's session (its ranking shows the prizes the rules give).</summary>
    public const string ReviewedRoundName = "Concurso interfamiliar de conservación de suelos — Pachachaca 2026";

    public const string PublishedRoundName = "Concurso interfamiliar de vivienda saludable — Mariño 2026";

    /// <summary>A round whose results are final and whose payouts wait for finance.</summary>
    public const string PayingRoundName = "Concurso interfamiliar de crianza de cuyes — Mariño 2026";

    public static async Task SeedAsync(ContestsDbContext db, IPasswordHasher<User> hasher, ContestRound round, int officerId, DateTime now, CancellationToken ct)
    {
        var (households, entries) = await RegisterFamiliesAsync(db, round, "Microcuenca Curahuasi", 12, newestFirst: false, officerId,
            now.AddDays(-40), (i, errors) =>
            [
                BaselineItem.Create("Reservorio familiar", 0, "m³", null, "Aún no tiene", "Items[0]", errors)!,
                BaselineItem.Create("Riego por aspersión", 200 + (i * 50), "m²", 400m + (i * 30), null, "Items[1]", errors)!,
            ], ct);
        var ready = new PhaseFacts { HasRubric = true, HasBudget = true, Entries = entries.Count };
        Must(round.MoveTo(RoundPhase.RegistrationClosed, ready, false, officerId, now.AddDays(-10)));
        Must(round.MoveTo(RoundPhase.Judging, ready, false, officerId, now.AddDays(-3)));
        await db.SaveChangesAsync(ct);

        // The juror from a competing community: the head of the second family listed.
        var neighbour = households[1];
        var clar = await db.Users.SingleAsync(u => u.UserName == "clar", ct);
        var seats = new List<(LracMemberInput Input, int? UserId)>
        {
            (new() { FullName = clar.DisplayName, Dni = "41735208", Affiliation = Affiliation.Municipality,
                AffiliationName = "Municipalidad Distrital de Curahuasi", Role = LracRole.President, FieldJuror = true, PublicJuror = true }, clar.Id),
            (new() { FullName = $"{neighbour.HeadFirstNames} {neighbour.HeadLastNames}", Dni = neighbour.HeadDni, Affiliation = Affiliation.Community,
                CommunityId = neighbour.CommunityId, Role = LracRole.Secretary, FieldJuror = true, PublicJuror = true }, null),
            (new() { FullName = "Lucio Huamaní Ccahua", Dni = "42816395", Affiliation = Affiliation.Other, AffiliationName = "Agencia Agraria Abancay",
                Role = LracRole.Member, FieldJuror = true }, null),
            (new() { FullName = "Yolanda Sarmiento Quispe", Dni = "43927504", Affiliation = Affiliation.Other,
                AffiliationName = "Asociación de Mujeres Emprendedoras Virgen del Carmen", Role = LracRole.Member, PublicJuror = true }, null),
            (new() { FullName = "Teófilo Mamani Ccoa", Dni = "44038615", Affiliation = Affiliation.Other, AffiliationName = "Gobierno Regional de Apurímac",
                Role = LracRole.Member, FieldJuror = true, PublicJuror = true }, null),
            (new() { FullName = "Santiago Auccapuma Flores", Dni = "45149726", Affiliation = Affiliation.Other, AffiliationName = "Mesa de concertación",
                Role = LracRole.Observer }, null),
        };
        var details = seats.Select(s => Must(LracMemberDetails.Parse(s.Input, new List<DomainError>()))).ToList();
        var accounts = new Queue<int>(await AccountsAsync(db, hasher, [.. details.Where((_, i) => seats[i].UserId is null)], now, ct));
        var members = details.Select((d, i) => LracMember.Add(round.Id, seats[i].UserId ?? accounts.Dequeue(), d, now.AddDays(-12))).ToList();
        db.LracMembers.AddRange(members);
        await db.SaveChangesAsync(ct);
        db.DeclaredConflicts.Add(Must(DeclaredConflict.Declare(members[2].Id, entries[4].Id, "La familia es su compadre de bautizo.", officerId,
            now.AddDays(-4), new List<DomainError>())));
        await db.SaveChangesAsync(ct);

        var lrac = new Lrac(db, hasher, TimeProvider.System);
        Must((await new Assignments(db, lrac).ApplyAsync(round, ct)).Result);
        await ScoreAsync(db, round, members, now, ct);
    }

    /// <summary>
    /// Eight families of the Mariño watershed judged by a CLAR of three (none of them from its communities), every
    /// sheet submitted, the round moved to the LRAC's review: the officer finds the ranking with the money the rules
    /// give each family.
    /// </summary>
    public static Task SeedReviewedAsync(ContestsDbContext db, IPasswordHasher<User> hasher, ContestRound round, int officerId, DateTime now,
        CancellationToken ct) =>
        JudgeAsync(db, hasher, round, officerId, now, newestFirst: true, "Terrazas de formación lenta",
        [
            ("Marcelino Huarcaya Ttito", "46260837", LracRole.President, "Municipalidad Provincial de Abancay"),
            ("Nélida Contreras Ayquipa", "46371948", LracRole.Secretary, "Agencia Agraria Abancay"),
            ("Fortunato Quispe Challco", "46482059", LracRole.Member, "Gobierno Regional de Apurímac"),
        ], ct);

    /// <summary>
    /// A round whose LRAC met a few days ago: eight families of the Mariño watershed judged like the Pachachaca round,
    /// a session with its three members present, one prize withdrawn with the committee's reason, the acta approved and
    /// the results published, appeals open for a few more days — so the acta and the public results page are there to see.
    /// </summary>
    public static async Task SeedPublishedAsync(ContestsDbContext db, IPasswordHasher<User> hasher, ContestRound round, int officerId, DateTime now,
        CancellationToken ct)
    {
        var members = await JudgeAsync(db, hasher, round, officerId, now, newestFirst: false, "Cocina mejorada y alacena",
        [
            ("Gregoria Ayme Ccoyllo", "46593160", LracRole.President, "Municipalidad Distrital de Tamburco"),
            ("Teófilo Chalco Huaraca", "46604271", LracRole.Secretary, "Agencia Agraria Abancay"),
            ("Sabina Quispe Rimachi", "46715382", LracRole.Member, "Gobierno Regional de Apurímac"),
        ], ct);
        await PublishAsync(db, round, members, officerId, now, heldDaysAgo: 3, appealsUntilDaysFromNow: 4,
            "La familia no asistió a la evaluación pública y lo comunicó por escrito.", "Local comunal de Asillo", ct);
    }

    /// <summary>
    /// A round paid out of the system: judged, its acta approved three weeks ago, the appeals window over, the results
    /// final, and the officer has created the payouts — the first winners' accounts verified, one typed and not yet
    /// verified (its approval is refused until finance checks it), the rest without an account (cash at the ceremony) —
    /// so the finance officer approves, batches, downloads the bank file and reconciles.
    /// </summary>
    public static async Task SeedFinalAsync(ContestsDbContext db, IPasswordHasher<User> hasher, ContestRound round, int officerId, int financeId,
        string financeName, DateTime now, CancellationToken ct)
    {
        var members = await JudgeAsync(db, hasher, round, officerId, now.AddDays(-20), newestFirst: true, "Galpón de cuyes mejorado",
        [
            ("Eusebia Palomino Ccahuana", "46826493", LracRole.President, "Municipalidad Distrital de Tamburco"),
            ("Hilario Cconislla Pumacayo", "46937504", LracRole.Secretary, "Agencia Agraria Abancay"),
            ("Rufina Ttito Huamani", "47048615", LracRole.Member, "Gobierno Regional de Apurímac"),
        ], ct);
        await PublishAsync(db, round, members, officerId, now, heldDaysAgo: 21, appealsUntilDaysFromNow: -14, null, "Local comunal de Asillo", ct);
        var facts = new PhaseFacts { ActaApprovedWithQuorum = true, AppealsWindowOver = true };
        Must(round.MoveTo(RoundPhase.Final, facts, false, officerId, now.AddDays(-13)));
        await db.SaveChangesAsync(ct);

        var awards = await db.Awards.Where(a => a.RoundId == round.Id && a.Current && a.Amount > 0).OrderByDescending(a => a.Amount).ThenBy(a => a.Number).ToListAsync(ct);
        var entries = await db.Entries.Where(e => e.RoundId == round.Id).ToDictionaryAsync(e => e.Id, ct);
        for (var i = 0; i < awards.Count && i < 3; i++)
        {
            var entry = entries[awards[i].EntryId];
            var number = (4_412_346_000L + entry.Number).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
            var account = BankAccount.Open(AccountHolderKind.Household, entry.HouseholdId!.Value,
                new BankAccountDetails("Banco de la Nación", number, Cci.Compose("018", "251", number), ReverseName(entry.CompetitorName)), now.AddDays(-12), officerId);
            if (i < 2)
            {
                Must(account.Verify(financeId, financeName, now.AddDays(-11)));
            }
            db.BankAccounts.Add(account);
        }
        await db.SaveChangesAsync(ct);
        var withAccount = awards.Take(3).Select(a => a.EntryId).ToHashSet();
        var drafts = Core.Payouts.PayoutPlan.For(round, awards.Select(a => new Core.Payouts.AwardToPay(a.Id, a.EntryId, a.Number, entries[a.EntryId].CompetitorName,
            a.Amount, [.. a.Funding.Select(f => (f.FundingSourceId, f.Amount))], withAccount.Contains(a.EntryId))), new HashSet<int>());
        db.Payouts.AddRange(drafts.Select(d => Core.Payouts.PayoutPlan.Create(d, officerId, now.AddDays(-1))));
        Must(round.MoveTo(RoundPhase.Paying, new PhaseFacts(), false, officerId, now.AddDays(-1)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"Quispe Mamani, Juana" → "Juana Quispe Mamani" (the name the bank has on the account).</summary>
    private static string ReverseName(string listed) =>
        listed.Split(", ", 2) is [var last, var first] ? first + " " + last : listed;

    /// <summary>
    /// The session of a judged round, held at <paramref name="place"/>: its members present, optionally the sixth
    /// family's prize withdrawn with the committee's reason, the acta approved with an appeals window, the round published.
    /// </summary>
    internal static async Task PublishAsync(ContestsDbContext db, ContestRound round, List<LracMember> members, int officerId, DateTime now,
        int heldDaysAgo, int appealsUntilDaysFromNow, string? withdrawSixth, string place, CancellationToken ct)
    {
        var held = LimaTime.ToUtc(LimaTime.FromUtc(now).Date.AddDays(-heldDaysAgo).AddHours(10));
        var acta = Must(Acta.Open(round.Id, round.LocalOfficeId, ActaKind.Session, held, place, officerId, held.AddHours(-1),
            new List<DomainError>()));
        Must(acta.RecordAttendance([.. members.Select(m => m.Id)], [.. members.Select(m => m.Id)]));
        var results = Must(await new Scoreboard(db).ResultsAsync(round, ct));
        if (withdrawSixth is not null)
        {
            var sixth = results.Rows.Single(r => r.Result.Entry.Number == 6).Result.Entry.EntryId;
            Must(acta.Override(sixth, Money.Of(0m), withdrawSixth, officerId, held));
        }
        var allocations = new Allocations(db, new Features.Rounds.RoundCatalog(db, new Lookups(db)), TimeProvider.System);
        var allocation = Must(await allocations.PreviewAsync(round, results, acta.AllocationOverrides, ct));
        var year = LimaTime.FromUtc(held).Year;
        var number = await Features.Review.ApproveActa.NextNumberAsync(db, round.LocalOfficeId, year, ct);
        Must(acta.Approve(new ActaApproval(members.ToDictionary(m => m.Id, m => m.Role), allocation, [.. results.Rows.Select(r => r.Result.Rank!)],
            number, LimaTime.ToUtc(LimaTime.FromUtc(now).Date.AddDays(appealsUntilDaysFromNow).AddHours(23).AddMinutes(59)), officerId, held.AddHours(3))));
        db.Actas.Add(acta);
        var facts = new PhaseFacts { HasRubric = true, HasBudget = true, Entries = results.Rows.Count, ActaApprovedWithQuorum = true };
        Must(round.MoveTo(RoundPhase.Published, facts, false, officerId, held.AddHours(3)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Eight families of the Mariño watershed, a CLAR of three, every sheet submitted, the round in the LRAC's review.</summary>
    private static async Task<List<LracMember>> JudgeAsync(ContestsDbContext db, IPasswordHasher<User> hasher, ContestRound round, int officerId, DateTime now,
        bool newestFirst, string activity, (string Name, string Dni, LracRole Role, string From)[] seats, CancellationToken ct)
    {
        var (_, entries) = await RegisterFamiliesAsync(db, round, "Microcuenca Mariño", 8, newestFirst, officerId, now.AddDays(-60),
            (i, errors) => [BaselineItem.Create(activity, 30 + (i * 10), "m lineales", 250m + (i * 25), null, "Items[0]", errors)!], ct);
        var ready = new PhaseFacts { HasRubric = true, HasBudget = true, Entries = entries.Count };
        Must(round.MoveTo(RoundPhase.RegistrationClosed, ready, false, officerId, now.AddDays(-30)));
        Must(round.MoveTo(RoundPhase.Judging, ready, false, officerId, now.AddDays(-20)));
        await db.SaveChangesAsync(ct);

        var details = seats.Select(s => Must(LracMemberDetails.Parse(new LracMemberInput
        {
            FullName = s.Name, Dni = s.Dni, Affiliation = Affiliation.Other, AffiliationName = s.From, Role = s.Role, FieldJuror = true, PublicJuror = true,
        }, new List<DomainError>()))).ToList();
        var accounts = await AccountsAsync(db, hasher, details, now, ct);
        var members = details.Select((d, i) => LracMember.Add(round.Id, accounts[i], d, now.AddDays(-25))).ToList();
        db.LracMembers.AddRange(members);
        await db.SaveChangesAsync(ct);
        Must((await new Assignments(db, new Lrac(db, hasher, TimeProvider.System)).ApplyAsync(round, ct)).Result);

        var rubric = round.CurrentRules!.Rules.Rubric;
        var numbers = entries.ToDictionary(e => e.Id, e => e.Number);
        var ids = members.Select(m => m.Id).ToList();
        var sheets = await db.ScoreSheets.Where(s => ids.Contains(s.JurorId)).OrderBy(s => s.Id).ToListAsync(ct);
        var k = 0;
        foreach (var sheet in sheets)
        {
            var part = rubric.Parts[sheet.PartIndex];
            var number = numbers[sheet.EntryId];
            // Families 1–8 from clearly ahead to below the qualifying score, jurors a point or two apart; 3 and 4 end tied.
            var level = number switch { 1 => 0.92m, 2 => 0.86m, 3 or 4 => 0.8m, 5 => 0.74m, 6 => 0.72m, 7 => 0.6m, _ => 0.5m };
            var points = part.Criteria.Select((c, p) =>
                (decimal?)Math.Min(c.MaxPoints, decimal.Round(c.MaxPoints * level, 0) + (number is 3 or 4 ? 0 : ((sheet.JurorId + p) % 3) - 1))).ToList();
            Must(sheet.Submit(part, points, null, Guid.NewGuid(), sheet.Revision, now.AddDays(-6).AddMinutes(k++), null, [null]));
        }
        await db.SaveChangesAsync(ct);
        Must(round.MoveTo(RoundPhase.Review, ready with { MissingScoreSheets = 0 }, false, officerId, now.AddDays(-5)));
        await db.SaveChangesAsync(ct);
        return members;
    }

    private sealed record Family(int Id, string HeadFirstNames, string HeadLastNames, string HeadDni, bool WomenHeaded, int CommunityId,
        string DistrictUbigeo, string Community, HouseholdProfile Profile);

    /// <summary>
    /// Registers <paramref name="count"/> families of a watershed (by community name, then the register's order or its
    /// newest first), one pool per community, each with the baseline <paramref name="baseline"/> gives for its position.
    /// </summary>
    private static async Task<(List<Family> Households, List<Entry> Entries)> RegisterFamiliesAsync(ContestsDbContext db, ContestRound round,
        string watershed, int count, bool newestFirst, int officerId, DateTime registeredUtc,
        Func<int, List<DomainError>, IReadOnlyList<BaselineItem>> baseline, CancellationToken ct)
    {
        var communityIds = await db.Set<WatershedCommunity>()
            .Join(db.Watersheds, wc => wc.WatershedId, w => w.Id, (wc, w) => new { wc.CommunityId, w.Name })
            .Where(x => x.Name == watershed).Select(x => x.CommunityId).ToListAsync(ct);
        var joined = from h in db.Households
                     join c in db.Communities on h.CommunityId equals c.Id
                     where communityIds.Contains(h.CommunityId)
                     select new { h, c };
        var ordered = newestFirst ? joined.OrderBy(x => x.c.Name).ThenByDescending(x => x.h.Id) : joined.OrderBy(x => x.c.Name).ThenBy(x => x.h.Id);
        var households = await ordered
            .Select(x => new Family(x.h.Id, x.h.HeadFirstNames, x.h.HeadLastNames, x.h.HeadDni, x.h.WomenHeaded, x.h.CommunityId, x.c.DistrictUbigeo, x.c.Name,
                new HouseholdProfile(x.h.HeadSex, x.h.HeadBirthYear, x.h.Members, x.h.MotherTongue, x.h.Education)))
            .Take(count).ToListAsync(ct);
        var entries = households.Select((h, i) =>
        {
            var competitor = new Entry.Competitor(h.Id, $"{h.HeadLastNames}, {h.HeadFirstNames}", h.CommunityId, h.DistrictUbigeo, h.WomenHeaded, h.Profile);
            var (result, entry) = Entry.Register(round, competitor, new PoolAssignment("C:" + h.CommunityId, h.Community), null, null,
                new EligibilityResult([], []), i + 1, officerId, registeredUtc.AddHours(i));
            Must(result);
            Must(entry!.SetBaseline(RoundPhase.Open, [.. baseline(i, new List<DomainError>())]));
            return entry;
        }).ToList();
        db.Entries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        return (households, entries);
    }

    /// <summary>Most sheets submitted; the president left one as a draft and four untouched, one member two untouched.</summary>
    private static async Task ScoreAsync(ContestsDbContext db, ContestRound round, List<LracMember> members, DateTime now, CancellationToken ct)
    {
        var rubric = round.CurrentRules!.Rules.Rubric;
        var numbers = await db.Entries.Where(e => e.RoundId == round.Id).ToDictionaryAsync(e => e.Id, e => e.Number, ct);
        var ids = members.Select(m => m.Id).ToList();
        var sheets = await db.ScoreSheets.Where(s => ids.Contains(s.JurorId)).OrderBy(s => s.JurorId).ThenBy(s => s.EntryId).ThenBy(s => s.PartIndex).ToListAsync(ct);
        var president = members[0].Id;
        var late = members[4].Id;
        var k = 0;
        foreach (var own in sheets.GroupBy(s => s.JurorId))
        {
            var list = own.ToList();
            // The president leaves her last four not started and the one before as a draft; one member his last two.
            var touched = list.Count - (own.Key == president ? 4 : own.Key == late ? 2 : 0);
            for (var i = 0; i < touched; i++, k++)
            {
                var sheet = list[i];
                var part = rubric.Parts[sheet.PartIndex];
                var number = numbers[sheet.EntryId];
                // Deterministic, spread scores: some families clearly ahead, jurors not all alike.
                var points = part.Criteria.Select((c, p) =>
                    (decimal?)Math.Min(c.MaxPoints, decimal.Round(c.MaxPoints * (0.45m + ((((number * 7) + (sheet.JurorId * 3) + p) % 11) / 20m)), 0))).ToList();
                var achieved = new List<decimal?> { number % 4 == 0 ? null : 20 + number, 400 + (number * 60) };
                var comments = k % 5 == 0 ? "Buen avance; falta mantenimiento de canales." : null;
                var draft = own.Key == president && i == touched - 1;
                Must(draft
                    ? sheet.Save(part, points, comments, Guid.NewGuid(), sheet.Revision, null, achieved)
                    : sheet.Submit(part, points, comments, Guid.NewGuid(), sheet.Revision, now.AddDays(-1).AddMinutes(k), null, achieved));
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The members' accounts "clar.DNI" with the demo password (so each juror can be tried), saved at once; their ids in order.</summary>
    internal static async Task<List<int>> AccountsAsync(ContestsDbContext db, IPasswordHasher<User> hasher, IReadOnlyList<LracMemberDetails> members,
        DateTime now, CancellationToken ct)
    {
        var users = members.Select(details =>
        {
            var user = User.Create(UserName.Parse(Lrac.AccountName(details.Dni.Value)), details.FullName, [Role.LracMember], now);
            user.SetPasswordHash(hasher.HashPassword(user, DemoSeeder.DemoPassword));
            return user;
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync(ct);
        return [.. users.Select(u => u.Id)];
    }
}

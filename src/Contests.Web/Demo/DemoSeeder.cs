using System.Diagnostics;
using System.Globalization;
using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Core.Rounds;
using Contests.Web.Features.Documents;
using Contests.Web.Features.Plans;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Demo;

/// <summary><c>Demo</c> section: seed an empty database with the demo programme and print its logins.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }
}

/// <summary>
/// The demo programme. It grows with every feature; today: one account per role, the programme's registry (see <see cref="DemoRegistry"/>) and its contest rounds, from draft to paying (<see cref="DemoRounds"/>). Only for demo and
/// development installs; a real install starts with the <c>create-admin</c> verb.
/// </summary>
public sealed class DemoSeeder(ContestsDbContext db, IPasswordHasher<User> hasher, AuditActor actor, TimeProvider clock, DocumentDesk documents,
    PackBuilder packs, OfficialDocuments records, Contracts contracts, IOptions<DocumentOptions> documentOptions, FundedPlans plans, CloseOuts closeOuts,
    Features.Rounds.FileStore files, ILogger<DemoSeeder> log)
{
    /// <summary>Where the demo listens (<c>Properties/launchSettings.json</c>): its certificates' QR codes point there.</summary>
    public const string DemoBaseUrl = "http://localhost:5011";

    /// <summary>The one password of every demo account (printed at start-up; never use demo mode in production).</summary>
    public const string DemoPassword = "pachamama2026";

    public static IReadOnlyList<(string UserName, string DisplayName, Role Role)> Accounts { get; } =
    [
        ("admin", "Rosa Quispe Huamán", Role.Admin),
        ("oficial", "Julio Ccahuana Mamani", Role.ProjectOfficer),
        ("clar", "Hilaria Condori Puma", Role.LracMember),
        ("finanzas", "Marco Salas Rivera", Role.FinanceOfficer),
        ("auditor", "Elena Vargas Choque", Role.Auditor),
        ("seguimiento", "Wilber Huarancca Soto", Role.Monitoring),
    ];

    /// <returns>True when the database was empty and has been seeded.</returns>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct) && await db.Programmes.AnyAsync(ct) && await db.Rounds.AnyAsync(ct))
        {
            return false;
        }
        await SeedAsync(ct);
        return true;
    }

    /// <summary>Adds whatever part of the demo is missing; safe to run again.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        actor.ActAs("demo-seed");
        var existing = await db.Users.Select(u => u.UserName).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (userName, displayName, role) in Accounts.Where(a => !existing.Contains(a.UserName)))
        {
            var user = User.Create(UserName.Parse(userName), displayName, [role], now);
            user.SetPasswordHash(hasher.HashPassword(user, DemoPassword));
            db.Users.Add(user);
        }
        await db.SaveChangesAsync(ct);
        var officer = await db.Users.SingleAsync(u => u.UserName == "oficial", ct);
        var finance = await db.Users.SingleAsync(u => u.UserName == "finanzas", ct);
        await StepAsync("registry", () => DemoRegistry.SeedAsync(db, officer.Id, finance.Id, finance.UserName, now, ct));
        await StepAsync("rounds", () => DemoRounds.SeedAsync(db, hasher, officer.Id, finance.Id, finance.UserName, now, ct));
        await StepAsync("photos", () => DemoPhotos.SeedAsync(db, files, officer.Id, ct));
        await StepAsync("certificates", () => SeedCertificatesAsync(officer, ct));
        await StepAsync("contracts", () => SeedContractAsync(officer, ct));
        if (await db.Rounds.AsSplitQuery().SingleOrDefaultAsync(r => r.Name == DemoPlans.PublishedRoundName, ct) is { } planRound)
        {
            await StepAsync("plans", () => DemoPlans.SeedFundedAsync(db, files, planRound, officer.Id, finance.Id, now, ct));
            await StepAsync("close-out", () => SeedCloseOutAsync(officer, planRound, ct));
        }
        await StepAsync("follow-up", () => DemoFollowUp.SeedAsync(db, officer.Id, now, ct));
        await StepAsync("impact", () => DemoImpact.SeedAsync(db, officer.Id, now, ct));
    }

    /// <summary>One part of the demo, its time and the process's CPU logged (at Debug): what to look at when seeding grows slow.</summary>
    private async Task StepAsync(string step, Func<Task> seed)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        await seed();
        log.LogDebug("Demo {Step}: {WallMs:F0} ms, {CpuMs:F0} ms of CPU", step, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
    }

    /// <summary>
    /// The business-plan round's first and third funded organizations have their donation contracts, issued by oficial
    /// with their plans' components; the second waits for its own (Documentos y certificados → Contratos).
    /// </summary>
    private async Task SeedContractAsync(User officer, CancellationToken ct)
    {
        var round = await db.Rounds.AsSplitQuery().SingleOrDefaultAsync(r => r.Name == DemoPlans.PublishedRoundName, ct);
        if (round is null || await db.DonationContracts.AnyAsync(c => c.RoundId == round.Id, ct))
        {
            return;
        }
        var rows = await contracts.RowsAsync(round, ct);
        var signedOn = LimaInput.DateValue(LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime).Date.AddDays(1 - DemoPlans.ActaHeldDaysAgo));
        actor.ActAs(officer.UserName, officer.Id);
        // N.° 1, whose plan is under way, and N.° 3, whose plan is closed out (DemoPlans.SeedFundedAsync); N.° 2 waits for its contract.
        foreach (var (entryId, components) in new (int, ComponentForm[])[]
        {
            (rows[0].EntryId,
            [
                new() { Name = "Construcción de galpones mejorados para la crianza de cuyes", Project = "14000.00", Counterpart = "4000.00" },
                new() { Name = "Adquisición de reproductores de cuy de línea mejorada (Perú, Andina)", Project = "7000.00", Counterpart = "2000.00" },
                new() { Name = "Instalación de pastos cultivados y forraje (alfalfa asociada con rye grass)", Project = "4000.00", Counterpart = "1500.00" },
                new() { Name = "Capacitación y asistencia técnica en sanidad, registros y comercialización", Project = "3000.00", Counterpart = "500.00" },
            ]),
            (rows[2].EntryId,
            [
                new() { Name = "Horno rotativo, amasadora y equipos de panadería", Project = "10000.00", Counterpart = "2500.00" },
                new() { Name = "Capacitación en panificación, costos y registro sanitario", Project = "4000.00", Counterpart = "1500.00" },
            ]),
        })
        {
            var form = new ContractForm { Components = [.. components], TermMonths = "12", Place = "Abancay", SignedOn = signedOn };
            var (result, _) = await contracts.IssueAsync(round, entryId, form, documentOptions.Value.PublicBaseUrl ?? DemoBaseUrl, officer.Id, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("The demo's contract was refused: " + string.Join(", ", result.Errors.Select(e => e.Code)));
            }
        }
        actor.ActAs("demo-seed");
    }

    /// <summary>The bakery's plan (the round's second contract) closed out by oficial: S/ 350.00 returned, rated 4 of 5, its closing acta issued.</summary>
    private async Task SeedCloseOutAsync(User officer, ContestRound round, CancellationToken ct)
    {
        var entryId = await db.DonationContracts.Where(c => c.RoundId == round.Id).OrderBy(c => c.Id).Select(c => c.EntryId).Skip(1).FirstOrDefaultAsync(ct);
        if (entryId == 0 || await db.PlanCloseOuts.AnyAsync(c => c.EntryId == entryId, ct) || await plans.PageAsync(round, entryId, ct) is not { } page)
        {
            return;
        }
        var form = new CloseOutForm
        {
            RefundAmount = page.Balance.ToReturn.ToString("0.00", CultureInfo.InvariantCulture),
            RefundedOn = LimaInput.DateValue(LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime).Date), RefundReference = "OP-00320455", Rating = "4",
        };
        actor.ActAs(officer.UserName, officer.Id);
        var result = await closeOuts.CloseAsync(page, form, documentOptions.Value.PublicBaseUrl ?? DemoBaseUrl, officer.Id, ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo's close-out was refused: " + string.Join(", ", result.Errors.Select(e => e.Code + " " + e.Field)));
        }
        actor.ActAs("demo-seed");
    }

    /// <summary>The paying round's certificates, as one pack built by oficial (the QR codes point at the demo's address).</summary>
    private async Task SeedCertificatesAsync(User officer, CancellationToken ct)
    {
        var round = await db.Rounds.AsSplitQuery().SingleOrDefaultAsync(r => r.Name == DemoJudging.PayingRoundName, ct);
        if (round is null || await db.DocumentPacks.AnyAsync(p => p.RoundId == round.Id, ct))
        {
            return;
        }
        var acta = await db.Actas.AsNoTracking().Where(a => a.RoundId == round.Id && a.ApprovedUtc != null).Select(a => new { a.HeldUtc, a.Place })
            .FirstAsync(ct);
        var form = new CeremonyForm
        {
            CeremonyDate = LimaInput.DateValue(LimaTime.FromUtc(acta.HeldUtc).Date), CeremonyPlace = acta.Place,
        };
        actor.ActAs(officer.UserName, officer.Id);
        var (result, packId) = await documents.RequestPackAsync(round, form, documentOptions.Value.PublicBaseUrl ?? DemoBaseUrl, officer.Id, ct, enqueue: false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo's certificate pack was refused: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
        await packs.RunAsync(packId!.Value, null, ct);
        // The acta and the results list of both published rounds, as PDFs.
        foreach (var name in new[] { DemoJudging.PublishedRoundName, DemoJudging.PayingRoundName })
        {
            var published = await db.Rounds.AsSplitQuery().SingleAsync(r => r.Name == name, ct);
            foreach (var kind in new[] { Core.Documents.DocumentKind.Acta, Core.Documents.DocumentKind.ResultsList })
            {
                var (issued, _) = await records.IssueAsync(published, kind, documentOptions.Value.PublicBaseUrl ?? DemoBaseUrl, officer.Id, ct);
                if (!issued.Succeeded)
                {
                    throw new InvalidOperationException($"The demo's {kind} was refused: " + string.Join(", ", issued.Errors.Select(e => e.Code)));
                }
            }
        }
        actor.ActAs("demo-seed");
    }

    public static void PrintLogins(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine("  Contests — demo logins (password for all: {0})", DemoPassword);
        foreach (var (userName, displayName, role) in Accounts)
        {
            output.WriteLine("    {0,-12} {1,-16} {2}", userName, role, displayName);
        }
        output.WriteLine("  clar presides the LRAC of \"{0}\" (being judged); its other jurors sign in as clar.<DNI>.", DemoJudging.RoundName);
        output.WriteLine("  \"{0}\" is judged and waits for the LRAC's review: its president clar.46260837 holds the session.", DemoJudging.ReviewedRoundName);
        output.WriteLine("  \"{0}\" is published: see its acta and its public results page.", DemoJudging.PublishedRoundName);
        output.WriteLine("  \"{0}\" is final: oficial created its payouts; finanzas approves them, schedules a batch and reconciles (Pagos).", DemoJudging.PayingRoundName);
        output.WriteLine("  Its winners' certificates are issued (Documentos y certificados): scan a QR code or open /verify. oficial generates the packs of \"{0}\".", DemoJudging.PublishedRoundName);
        output.WriteLine("  \"{0}\" is paying: oficial issues each funded organization's donation contract (Documentos y certificados) and follows the first one's plan (receipts, reports, tranches).",
            DemoPlans.PublishedRoundName);
        output.WriteLine();
    }
}

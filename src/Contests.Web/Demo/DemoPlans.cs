using System.Globalization;
using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Payouts;
using Contests.Core.Plans;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Features.Judging;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Demo.DemoCheck;

namespace Contests.Web.Demo;

/// <summary>
/// A business-plan round of organizations whose results are published: four organizations of Abancay, Tamburco and
/// San Pedro de Cachora present plans with their counterpart, a CLAR of three scores the field visit and the public
/// presentation, three plans are approved and co-financed (grant = cost − counterpart) and one is not, the session's
/// acta was approved six days ago and the appeals window closed three days ago — so the officer can issue each funded
/// organization's donation contract (<i>contrato de donación con cargo</i>) from the approved acta; the first one's plan
/// is under way (<see cref="SeedFundedAsync"/>).
/// </summary>
internal static class DemoPlans
{
    public const string PublishedRoundName = "Concurso de planes de negocio 2026 — Abancay";

    /// <summary>The session that approved the acta was held this many days ago; the contracts are signed the day after.</summary>
    public const int ActaHeldDaysAgo = 6;

    /// <summary>The plans, in registration order, with how well the CLAR rates each (share of every criterion's points).</summary>
    private static readonly (string Organization, string Title, decimal Cost, decimal Counterpart, decimal Level)[] Plans =
    [
        ("Asociación de Criadores de Cuyes Señor de Ánimas", "Mejoramiento de la crianza y comercialización de cuyes en Abancay", 36_000m, 8_000m, 0.88m),
        ("Asociación de Tejedoras Warmi Away de Tamburco", "Producción y venta de textiles de fibra de alpaca con tintes naturales", 24_500m, 5_500m, 0.82m),
        ("Asociación de Mujeres Emprendedoras Virgen del Carmen", "Panadería y repostería artesanal con harinas de cereales andinos", 18_000m, 4_000m, 0.76m),
        ("Asociación de Productores Apícolas Flor de Cachora", "Producción y envasado de miel de abeja con registro sanitario", 31_000m, 6_500m, 0.62m),
    ];

    /// <summary>
    /// Registers the four plans, judges them with a CLAR of three (every sheet submitted), and holds the session that
    /// approves the acta and publishes the results. <paramref name="round"/> is open, with the co-financing rules.
    /// </summary>
    public static async Task SeedPublishedAsync(ContestsDbContext db, IPasswordHasher<User> hasher, ContestRound round, int officerId, DateTime now,
        CancellationToken ct)
    {
        var names = Plans.Select(p => p.Organization).ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => names.Contains(o.Name))
            .Select(o => new { o.Id, o.Name, o.DistrictUbigeo, o.Type }).ToDictionaryAsync(o => o.Name, ct);
        var verified = await db.BankAccounts.Where(a => a.OrganizationId != null && a.IsActive && a.VerifiedUtc != null)
            .Select(a => a.OrganizationId!.Value).ToListAsync(ct);
        var entries = new List<Entry>();
        for (var i = 0; i < Plans.Length; i++)
        {
            var (name, title, cost, counterpart, _) = Plans[i];
            var organization = organizations[name];
            var eligibility = Eligibility.Check(round.Phase, round.Level, round.Scope, new Candidate
            {
                Level = RoundLevel.Organizations, Place = new Place(organization.DistrictUbigeo, null, []),
                HasVerifiedAccount = verified.Contains(organization.Id),
            });
            var competitor = new Entry.Competitor(organization.Id, organization.Name, null, organization.DistrictUbigeo,
                organization.Type == OrganizationType.WomensGroup);
            var (result, entry) = Entry.Register(round, competitor, new PoolAssignment("ALL", round.Name), null, new Entry.Plan(title, cost, counterpart),
                eligibility, i + 1, officerId, now.AddDays(-26).AddHours(i * 3));
            Must(result);
            entries.Add(entry!);
        }
        db.Entries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        var ready = new PhaseFacts { HasRubric = true, HasBudget = true, Entries = entries.Count };
        Must(round.MoveTo(RoundPhase.RegistrationClosed, ready, false, officerId, now.AddDays(-18)));
        Must(round.MoveTo(RoundPhase.Judging, ready, false, officerId, now.AddDays(-15)));
        await db.SaveChangesAsync(ct);

        var details = new (string FullName, string Dni, LracRole Role, string From)[]
        {
            ("Edwin Sánchez Carbajal", "40213586", LracRole.President, "Municipalidad Provincial de Abancay"),
            ("Yeni Huaraca Pillaca", "40324697", LracRole.Secretary, "Dirección Regional Agraria de Apurímac"),
            ("Aurelio Ccasani Sotomayor", "40435708", LracRole.Member, "Cámara de Comercio de Apurímac"),
        }.Select(s => Must(LracMemberDetails.Parse(new LracMemberInput
        {
            FullName = s.FullName, Dni = s.Dni, Affiliation = Affiliation.Other, AffiliationName = s.From, Role = s.Role, FieldJuror = true, PublicJuror = true,
        }, new List<DomainError>()))).ToList();
        var accounts = await DemoJudging.AccountsAsync(db, hasher, details, now, ct);
        var members = details.Select((d, i) => LracMember.Add(round.Id, accounts[i], d, now.AddDays(-16))).ToList();
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
            var level = Plans[number - 1].Level;
            // Each juror a point above, equal to or below the plan's level on each criterion, never past its maximum.
            var points = part.Criteria.Select((c, p) =>
                (decimal?)Math.Min(c.MaxPoints, decimal.Round(c.MaxPoints * level, 0) + ((sheet.JurorId + p) % 3) - 1)).ToList();
            var comments = level < 0.7m && sheet.PartIndex == 1
                ? "El plan no identifica compradores ni precios de venta de la miel; la contrapartida en materiales no está sustentada."
                : null;
            Must(sheet.Submit(part, points, comments, Guid.NewGuid(), sheet.Revision, now.AddDays(-10).AddMinutes(k++)));
        }
        await db.SaveChangesAsync(ct);
        Must(round.MoveTo(RoundPhase.Review, ready with { MissingScoreSheets = 0 }, false, officerId, now.AddDays(-8)));
        await db.SaveChangesAsync(ct);

        await DemoJudging.PublishAsync(db, round, members, officerId, now, heldDaysAgo: ActaHeldDaysAgo, appealsUntilDaysFromNow: -3, null,
            "Auditorio de la Municipalidad Provincial de Abancay", ct);
        // What the session records of each plan (the honey plan's rejection counts if the association presents again).
        foreach (var entry in entries)
        {
            entry.RecordOutcome(Plans[entry.Number - 1].Level >= 0.7m ? PlanOutcome.Approved : PlanOutcome.NotApproved);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// After the first contract: the appeals window over, the results final, the payouts created (70 % and 30 % per
    /// organization) and the Cuyes association's first tranche paid in cash; its receipts (project funds and counterpart,
    /// two components), the counterpart deposited and an interim report received that the LRAC has yet to approve — so the
    /// second tranche waits on a few soles of receipts and that approval. The bakery's plan (N.° 3) has done it all and
    /// awaits its close-out (the seeder's, with the closing acta). N.° 1's received report has a PDF attached, and its first invoice its scan. Everything added in one transaction.
    /// </summary>
    public static async Task SeedFundedAsync(ContestsDbContext db, Features.Rounds.FileStore files, ContestRound round, int officerId, int financeId, DateTime now,
        CancellationToken ct)
    {
        if (round.Phase != RoundPhase.Published || await db.Payouts.AnyAsync(p => p.RoundId == round.Id, ct))
        {
            return;
        }
        var signed = await db.DonationContracts.AsNoTracking().Where(c => c.RoundId == round.Id).OrderBy(c => c.Id).ToListAsync(ct);
        if (signed.Count < 2)
        {
            return;
        }
        var (contract, bakery) = (signed[0], signed[1]);
        Must(round.MoveTo(RoundPhase.Final, new PhaseFacts { ActaApprovedWithQuorum = true, AppealsWindowOver = true }, false, officerId, now.AddDays(-2)));
        var awards = await db.Awards.AsNoTracking().Where(a => a.RoundId == round.Id && a.Current && a.Amount > 0).ToListAsync(ct);
        var entryIds = awards.Select(a => a.EntryId).ToList();
        var names = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.CompetitorName, ct);
        var payouts = PayoutPlan.For(round, awards.Select(a => new AwardToPay(a.Id, a.EntryId, a.Number, names[a.EntryId], a.Amount,
                [.. a.Funding.OrderBy(f => f.FundingSourceId).Select(f => (f.FundingSourceId, f.Amount))], false)), new HashSet<int>())
            .Select(d => PayoutPlan.Create(d, officerId, now.AddDays(-2))).ToList();
        Must(round.MoveTo(RoundPhase.Paying, new PhaseFacts(), false, officerId, now.AddDays(-2)));
        var today = DateOnly.FromDateTime(LimaTime.FromUtc(now));
        var first = payouts.Single(p => p.EntryId == contract.EntryId && p.Tranche == 1);
        Must(first.ChangeMethod(PayoutMethod.Cash));
        Must(first.Approve(financeId, null, null, now.AddDays(-2)));
        Must(first.RecordCashReceipt("R-2026-0041", "Teodoro Huamán Quispe", false, today.AddDays(-2), today, officerId, now.AddDays(-2)));
        db.Payouts.AddRange(payouts);

        var components = contract.Components.Select(c => c.Name).ToList();
        var (sheds, breeders) = (components[0], components[1]);
        var errors = new List<DomainError>();
        var keys = new List<ReceiptKey>();
        var receipts = new List<PlanReceipt>();
        foreach (var (daysAgo, ruc, type, number, amount, payer, component) in new (int, string, ReceiptDocumentType, string, decimal, ReceiptPayer, string)[]
        {
            (2, "20100070970", ReceiptDocumentType.Invoice, "F001-004512", 6_200.00m, ReceiptPayer.Project, sheds),
            (1, "20100070970", ReceiptDocumentType.Invoice, "F001-004587", 3_600.00m, ReceiptPayer.Project, sheds),
            (1, "20131312955", ReceiptDocumentType.SalesReceipt, "B003-000219", 1_500.00m, ReceiptPayer.Counterpart, sheds),
            (0, "20100047218", ReceiptDocumentType.Invoice, "E001-000093", 2_650.00m, ReceiptPayer.Project, breeders),
        })
        {
            var receipt = Refused(PlanReceipt.Record(round.Id, contract.EntryId,
                new ReceiptInput(today.AddDays(-daysAgo), ruc, type, number, amount, payer, component), components, keys, today, officerId, now, errors));
            keys.Add(new ReceiptKey(receipt.SupplierRuc, receipt.DocumentType, receipt.DocumentNumber));
            receipts.Add(receipt);
        }
        // The first invoice with its scan (a generated PDF), so the receipts' file link shows.
        var voucher = ReportPdf("Factura F001-004512 - Ferreteria El Constructor SAC - S/ 6,200.00");
        var voucherType = AttachmentCheck.Inspect(voucher, voucher.Length, "File", out _) ?? throw new InvalidOperationException("The demo's voucher is not a PDF.");
        var voucherSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(voucher));
        await files.SaveAsync(voucherSha, voucherType.Extension, voucher, ct);
        receipts[0].AttachFile(ProofFile.Of(new AttachmentFile("factura-F001-004512.pdf", voucherType, voucher.Length, voucherSha), officerId, now), [], null);
        db.PlanReceipts.AddRange(receipts);
        db.CounterpartDeposits.Add(Refused(CounterpartDeposit.Record(round.Id, contract.EntryId, today.AddDays(-3), 4_000.00m, "OP-00318842", today,
            officerId, now, errors)));

        // The bakery's plan, carried out fast: both tranches paid, its receipts S/ 350.00 short of what was paid (returned at
        // the close-out), the counterpart deposited and spent, its progress approved by the LRAC and its final report in.
        var bakeryTranches = payouts.Where(p => p.EntryId == bakery.EntryId).OrderBy(p => p.Tranche).ToList();
        var bakeryComponents = bakery.Components.Select(c => c.Name).ToList();
        for (var i = 0; i < bakeryTranches.Count; i++)
        {
            var tranche = bakeryTranches[i];
            var paidDaysAgo = i == 0 ? 4 : 1;
            Must(tranche.ChangeMethod(PayoutMethod.Cash));
            Must(tranche.Approve(financeId, null, i == 0 ? null : bakeryTranches[i - 1], i == 0 ? null : Enum.GetValues<TrancheConditionKind>(),
                now.AddDays(-paidDaysAgo)));
            Must(tranche.RecordCashReceipt($"R-2026-{45 + i:0000}", "Marleni Chipana Huillca", false, today.AddDays(-paidDaysAgo), today, officerId,
                now.AddDays(-paidDaysAgo)));
        }
        foreach (var (daysAgo, ruc, type, number, amount, payer, component) in new (int, string, ReceiptDocumentType, string, decimal, ReceiptPayer, int)[]
        {
            (4, "20100070970", ReceiptDocumentType.Invoice, "F002-000731", 9_950.00m, ReceiptPayer.Project, 0),
            (3, "20131312955", ReceiptDocumentType.SalesReceipt, "B001-001204", 2_500.00m, ReceiptPayer.Counterpart, 0),
            (2, "20100047218", ReceiptDocumentType.FeeReceipt, "E001-000112", 3_700.00m, ReceiptPayer.Project, 1),
            (1, "20100047218", ReceiptDocumentType.FeeReceipt, "E001-000118", 1_500.00m, ReceiptPayer.Counterpart, 1),
        })
        {
            var receipt = Refused(PlanReceipt.Record(round.Id, bakery.EntryId,
                new ReceiptInput(today.AddDays(-daysAgo), ruc, type, number, amount, payer, bakeryComponents[component]), bakeryComponents, keys, today, officerId,
                now, errors));
            keys.Add(new ReceiptKey(receipt.SupplierRuc, receipt.DocumentType, receipt.DocumentNumber));
            db.PlanReceipts.Add(receipt);
        }
        db.CounterpartDeposits.Add(Refused(CounterpartDeposit.Record(round.Id, bakery.EntryId, today.AddDays(-4), 4_000.00m, "OP-00319107", today,
            officerId, now, errors)));
        var bakeryTerm = PlanTerm.Of(bakery);
        var interim = Refused(ProgressReport.Record(round.Id, bakery.EntryId, bakeryTerm, ReportKind.Interim, today.AddDays(-3),
            "Horno y amasadora instalados en el local de la asociación; primer módulo de capacitación dictado.", bakeryComponents, [80, 40], today,
            officerId, now, errors));
        Must(interim.Approve("Acta N.° 004-2026 del CLAR de Abancay", today.AddDays(-2), today, officerId));
        db.ProgressReports.Add(interim);
        db.ProgressReports.Add(Refused(ProgressReport.Record(round.Id, bakery.EntryId, bakeryTerm, ReportKind.Final, today,
            "Panadería en funcionamiento con registro sanitario en trámite; doce socias capacitadas. Quedó un saldo de S/ 350.00 sin gastar, que se devolvió.",
            bakeryComponents, [100, 100], today, officerId, now, errors)));
        var received = Refused(ProgressReport.Record(round.Id, contract.EntryId, PlanTerm.Of(contract), ReportKind.Interim, today,
            "Galpones en construcción: cimientos y muros terminados, techos en curso. Llegaron los primeros reproductores de línea mejorada.",
            components, [45, 30, 0, 10], today, officerId, now, errors));
        db.ProgressReports.Add(received);
        // The received report's attachment needs the report's id: a second save, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var pdf = ReportPdf("Informe de avance - Galpones: cimientos y muros terminados");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        var pdfType = AttachmentCheck.Inspect(pdf, pdf.Length, "Files", out _) ?? throw new InvalidOperationException("The demo's attachment is not a PDF.");
        await files.SaveAsync(sha, pdfType.Extension, pdf, ct);
        db.ReportAttachments.Add(ReportAttachment.Create(received, new AttachmentFile("informe-avance-galpones.pdf", pdfType, pdf.Length, sha),
            "Informe firmado por la junta directiva", officerId, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        T Refused<T>(T? value) where T : class => value ?? throw new InvalidOperationException(
            "The demo's funded plan broke a rule: " + string.Join(", ", errors.Select(e => e.Code + " " + e.Field)));
    }

    /// <summary>A one-page PDF with one line of text (ASCII), its cross-reference table computed: what a scanned report stands for in the demo.</summary>
    internal static byte[] ReportPdf(string line)
    {
        var text = $"BT /F1 14 Tf 60 760 Td ({line}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {text.Length} >>\nstream\n{text}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>
    /// The CLAR's two parts for a business plan: the field visit to the organization (50 points) and the plan's public
    /// presentation (50 points); approved from 70.
    /// </summary>
    public static Rubric BusinessPlanRubric() => Must(Rubric.Create(
    [
        new RubricPart("Visita de campo a la organización",
        [
            new Criterion("Capacidad productiva instalada", "Infraestructura, equipos y experiencia de los socios en la actividad", 20m, 1m),
            new Criterion("Organización y gestión", "Directiva vigente, libros al día, participación de socias y socios", 15m, 1m),
            new Criterion("Contrapartida verificable", "Dinero, materiales y mano de obra comprometidos por la organización", 15m, 1m),
        ], 3, 3, Aggregation.Mean),
        new RubricPart("Sustentación pública del plan",
        [
            new Criterion("Mercado y comercialización", "Compradores, precios y canales de venta identificados", 20m, 1m),
            new Criterion("Rentabilidad y sostenibilidad", "Costos, ingresos y cómo seguirá el negocio sin el programa", 15m, 1m),
            new Criterion("Claridad de la sustentación", "Exposición de las socias y los socios, respuestas al CLAR", 15m, 1m),
        ], 3, 5, Aggregation.Mean, PartVenue.Public),
    ], 70m, new List<DomainError>()));
}

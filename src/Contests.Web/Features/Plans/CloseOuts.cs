using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Plans;
using Contests.Core.Rounds;
using Contests.Web.Features.Documents;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Pdf;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Plans;

/// <summary>The close-out as typed (a refund only when money is to be returned; the rating 1–5).</summary>
public sealed class CloseOutForm
{
    public string? RefundAmount { get; set; }

    public string? RefundedOn { get; set; }

    public string? RefundReference { get; set; }

    public string? Rating { get; set; }
}

/// <summary>
/// A funded plan's close-out (<i>liquidación</i>, <see cref="PlanCloseOut"/>): recorded with its closing acta — a PDF
/// numbered LIQ-…, verifiable by QR like the other documents — in one save; then, when that was the last open plan and
/// every payout is paid, the round moves to Closed (<see cref="RoundPhases"/> says when it may).
/// </summary>
public sealed class CloseOuts(ContestsDbContext db, PhaseMoves phases, DocumentStore store, VerificationKeys keys, AuditVerifier audit, TimeProvider clock)
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-PE");

    public static string SubjectOf(int entryId) => "closeout:" + entryId.ToString(CultureInfo.InvariantCulture);

    public async Task<Result> CloseAsync(PlanPage page, CloseOutForm form, string baseUrl, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(form);
        if (page.CloseOut is not null)
        {
            return PlanCloseOut.Refuses(page.CloseOut);
        }
        var errors = new List<DomainError>();
        var refundedOn = FundedPlans.Date(form.RefundedOn, "RefundedOn", errors);
        var amount = FormNumbers.Money(form.RefundAmount, "RefundAmount", errors, required: false);
        var rating = FormNumbers.WholeNumber(form.Rating, "Rating", errors, required: false);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(LimaTime.FromUtc(now));
        var closeOut = PlanCloseOut.Close(page.Round.Id, page.Entry.Id, page.Accounting, page.Reports,
            new CloseOutInput(amount, refundedOn, form.RefundReference, rating), today, userId, now, errors);
        if (closeOut is null || errors.Count > 0)
        {
            return Result.Fail([.. errors.DistinctBy(e => e.Field)]);
        }
        db.PlanCloseOuts.Add(closeOut);
        db.Documents.Add(await ActaAsync(page, closeOut, baseUrl, userId, now, ct));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Closed a moment ago by someone else (one close-out per plan, one valid acta per subject).
            db.ChangeTracker.Clear();
            return Result.Fail(new DomainError("Plan.Closed", null, today));
        }
        // The last plan closed with every payout paid: the round is settled and closes.
        if (page.Round.Phase == RoundPhase.Paying && (await phases.FactsAsync(page.Round, ct)).Settled)
        {
            await phases.MoveAsync(page.Round, RoundPhase.Closed, false, userId, ct);
        }
        return Result.Success();
    }

    /// <summary>The closing acta: the plan and its contract, the accounts by component and by who paid, the refund and the rating.</summary>
    private async Task<IssuedDocument> ActaAsync(PlanPage page, PlanCloseOut closeOut, string baseUrl, int userId, DateTime now, CancellationToken ct)
    {
        var contract = await db.Documents.AsNoTracking().Where(d => d.Id == page.Contract.DocumentId).Select(d => d.Number).SingleOrDefaultAsync(ct);
        var officer = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        var year = LimaTime.FromUtc(now).Year;
        var sequence = await Certificates.NextSequenceAsync(db, DocumentKind.ClosingActa, year, ct);
        var number = IssuedDocument.NumberOf(DocumentKind.ClosingActa, year, sequence);
        var (id, code) = await keys.NewCodeAsync(ct);
        var a = page.Accounting;
        string Soles(decimal amount) => Money.Round(amount).ToString(Spanish);
        string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var final = page.Reports.First(r => r.Id == closeOut.FinalReportId);
        var sections = new List<PrintedSection>
        {
            new("Datos del plan",
            [
                $"Organización: {page.Entry.CompetitorName}. Plan de negocio: «{page.Entry.PlanTitle}», del concurso «{page.Round.Name}».",
                $"Contrato de donación con cargo N.° {contract ?? "—"}, firmado el {Day(page.Term.Start)}, plazo de {page.Term.Months.ToString(Spanish)} meses (hasta el {Day(page.Term.End)}).",
                $"Informe final recibido el {Day(final.ReceivedOn)}.",
            ], []),
            new("Rendición de cuentas",
            [
                $"Desembolsado por el proyecto: {Soles(closeOut.Paid)}. Rendido con fondos del proyecto: {Soles(closeOut.AccountedProject)}. Rendido con la contrapartida de la organización: {Soles(closeOut.AccountedCounterpart)}.",
            ],
            [
                new PrintedTable("Por componente",
                    [new TableColumn("Componente", 3.4), new TableColumn("Proyecto", 1.3, CellAlign.Right), new TableColumn("Contrapartida", 1.3, CellAlign.Right),
                        new TableColumn("Total", 1.3, CellAlign.Right), new TableColumn("% del presupuesto", 1.1, CellAlign.Right)],
                    [.. a.Components.Select(c => (IReadOnlyList<string>)[c.Component, Soles(c.Project), Soles(c.Counterpart), Soles(c.Total),
                        c.Percent.ToString("0.00", Spanish) + " %"]),
                        ["Total", Soles(a.Project), Soles(a.Counterpart), Soles(a.Total), ""]], TotalsRow: true),
            ]),
            new("Saldo y devolución",
            [
                closeOut.Refund > 0
                    ? $"Saldo no rendido: {Soles(closeOut.Refund)} ({AmountInWords.Soles(closeOut.Refund)}), devuelto por la organización el {Day(closeOut.RefundedOn!.Value)} con la operación bancaria N.° {closeOut.RefundReference}."
                    : "Los fondos del proyecto fueron rendidos en su totalidad: no hay saldo por devolver.",
            ], []),
            new("Calificación",
                [$"La ejecución del plan se califica con {closeOut.Rating.ToString(Spanish)} de {PlanCloseOut.MaxRating.ToString(Spanish)}. Con esta acta el plan queda liquidado y cerrado."], []),
        };
        var title = "Acta de liquidación del plan de negocio";
        var record = new PrintedRecord(title.ToUpper(Spanish), [page.Entry.CompetitorName, page.Round.Name], sections,
            [(officer ?? "________", "Oficial de proyectos"), ("________", "Representante de la organización")], number, code,
            Certificates.VerifyUrlOf(baseUrl, code), LimaTime.FromUtc(now));
        var file = await store.SaveAsync(RecordPdf.Render(record with { Anchor = await audit.HeadAsync(ct) }), ct);
        IReadOnlyList<DocumentFact> facts =
        [
            new("Document.Fact.Round", page.Round.Name), new("Document.Fact.Holder", page.Entry.CompetitorName),
            new("Document.Fact.Plan", page.Entry.PlanTitle ?? string.Empty), DocumentFact.Money("Document.Fact.Total", closeOut.Paid),
        ];
        return IssuedDocument.Issue(DocumentKind.ClosingActa, year, sequence, id,
            new DocumentSubject(page.Round.Id, SubjectOf(page.Entry.Id), EntryId: page.Entry.Id), title, page.Entry.CompetitorName, facts, file, userId, now);
    }
}

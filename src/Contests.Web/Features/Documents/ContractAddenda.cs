using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Rounds;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Pdf;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Documents;

/// <summary>An addendum as typed (amounts and numbers as text, read like every form's).</summary>
public sealed class AddendumForm
{
    public AddendumKind? Kind { get; set; }

    public string? TermMonths { get; set; }

    public string? Component { get; set; }

    public string? Project { get; set; }

    public string? Counterpart { get; set; }

    public int? ActaId { get; set; }

    public string? Reason { get; set; }
}

/// <summary>One addendum as the contract page lists it.</summary>
public sealed record AddendumRow(int Number, int DocumentId, string DocumentNumber, AddendumKind Kind, int? TermMonths, string? Component, decimal? Project,
    decimal? Counterpart, string? ActaCode, string Reason, DocumentState State, DateTime IssuedUtc);

/// <summary>The contract page's addenda: the contract's term and amounts in force, its addenda, the LRAC actas an amount change may cite, the form.</summary>
public sealed record AddendaPanel(int ContractDocumentId, EffectiveContract Effective, IReadOnlyList<AddendumRow> Rows, IReadOnlyList<LracDecision> Decisions,
    AddendumForm Form);

/// <summary>
/// Addenda (<i>adendas</i>) to a contract in force: each a numbered document of its own (<c>ADC-2026-…</c>), issued,
/// stored, hashed and verified by QR like every other document, linked to the contract, which stays valid. A term
/// extension ends after the term in force; an amount change cites an approved acta of the round's LRAC
/// (<see cref="ContractAddendum.Draft"/>). What the addenda leave in force is read by <see cref="InForceAsync"/>.
/// </summary>
public sealed class ContractAddenda(ContestsDbContext db, Contracts contracts, DocumentStore store, VerificationKeys keys, AuditVerifier audit,
    TimeProvider clock)
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-PE");

    /// <summary>The addenda in force (their document valid) of each contract, by contract id.</summary>
    public static async Task<ILookup<int, ContractAddendum>> InForceAsync(ContestsDbContext db, IReadOnlyCollection<int> contractIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.ContractAddenda.AsNoTracking()
            .Where(a => contractIds.Contains(a.ContractId) && db.Documents.Any(d => d.Id == a.DocumentId && d.State == DocumentState.Valid))
            .ToListAsync(ct)).ToLookup(a => a.ContractId);
    }

    /// <summary>The panel of the entry's contract in force, or null when it has none.</summary>
    public async Task<AddendaPanel?> PanelAsync(ContestRound round, int entryId, AddendumForm? typed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var contract = await ContractAsync(round.Id, entryId, ct);
        if (contract is null)
        {
            return null;
        }
        var inForce = (await InForceAsync(db, [contract.Id], ct))[contract.Id];
        var rows = await (from a in db.ContractAddenda.AsNoTracking()
                          join d in db.Documents.AsNoTracking() on a.DocumentId equals d.Id
                          join act in db.Actas.AsNoTracking() on a.ActaId equals act.Id into acts
                          from act in acts.DefaultIfEmpty()
                          where a.ContractId == contract.Id
                          orderby a.Number
                          select new { a, d.Number, d.State, d.IssuedUtc, Year = act == null ? null : act.Year, ActaNumber = act == null ? null : act.Number })
            .ToListAsync(ct);
        return new AddendaPanel(contract.DocumentId, ContractAddendum.Effective(contract, inForce),
            [.. rows.Select(r => new AddendumRow(r.a.Number, r.a.DocumentId, r.Number, r.a.Kind, r.a.TermMonths, r.a.Component, r.a.ProjectAmount,
                r.a.CounterpartAmount, r.ActaNumber is { } n ? FormattableString.Invariant($"{n:000}-{r.Year}") : null, r.a.Reason, r.State, r.IssuedUtc))],
            await DecisionsAsync(round.Id, ct), typed ?? new AddendumForm());
    }

    /// <summary>
    /// Issues the next addendum of the entry's contract in force, or refuses with every reason (nothing written):
    /// <c>Addendum.NoContract</c> (the caller answers 404), bad input, a term not longer, an amount change without an
    /// approved LRAC acta of the round.
    /// </summary>
    public async Task<(Result Result, int? DocumentId)> IssueAsync(ContestRound round, int entryId, AddendumForm form, string baseUrl, int userId,
        CancellationToken ct, bool retry = true)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var contract = await ContractAsync(round.Id, entryId, ct);
        var subject = contract is null ? null : await contracts.SubjectAsync(round, entryId, ct);
        if (contract is null || subject is null)
        {
            return (Result.Fail(new DomainError("Addendum.NoContract")), null);
        }
        var errors = new List<DomainError>();
        var months = Text.Clean(form.TermMonths) is null ? null : FormNumbers.WholeNumber(form.TermMonths, nameof(AddendumForm.TermMonths), errors);
        var project = FormNumbers.Money(form.Project, nameof(AddendumForm.Project), errors, required: false);
        var counterpart = FormNumbers.Money(form.Counterpart, nameof(AddendumForm.Counterpart), errors, required: false);
        var all = await db.ContractAddenda.AsNoTracking().Where(a => a.ContractId == contract.Id).ToListAsync(ct);
        var inForce = (await InForceAsync(db, [contract.Id], ct))[contract.Id];
        var current = ContractAddendum.Effective(contract, inForce);
        var rules = new List<DomainError>();
        var change = ContractAddendum.Draft(contract, current, ContractAddendum.NextNumber(all),
            new AddendumInput(form.Kind, months, form.Component, project, counterpart, form.ActaId, form.Reason), await DecisionsAsync(round.Id, ct), rules);
        var typing = errors.Select(e => e.Field).ToHashSet();
        errors.AddRange(rules.Where(e => e.Field is null || !typing.Contains(e.Field)));
        if (errors.Count > 0 || change is null)
        {
            return (Result.Fail(errors), null);
        }
        var contractDocument = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == contract.DocumentId, ct);
        var after = current.With(change);
        var now = clock.GetUtcNow().UtcDateTime;
        var year = LimaTime.FromUtc(now).Year;
        var sequence = await Certificates.NextSequenceAsync(db, DocumentKind.Addendum, year, ct);
        var number = IssuedDocument.NumberOf(DocumentKind.Addendum, year, sequence);
        var (id, code) = await keys.NewCodeAsync(ct);
        var record = Printed(round, subject, contractDocument.Number, contract, change, current, after, number, code, Certificates.VerifyUrlOf(baseUrl, code), now)
            with { Anchor = await audit.HeadAsync(ct) };
        var file = await store.SaveAsync(RecordPdf.Render(record), ct);
        IReadOnlyList<DocumentFact> facts =
        [
            new("Document.Fact.Programme", subject.Programme), new("Document.Fact.Round", round.Name), new("Document.Fact.Holder", subject.Organization),
            new("Document.Fact.Plan", subject.PlanTitle), new("Document.Fact.Contract", contractDocument.Number),
            new("Document.Fact.AddendumNumber", change.Number.ToString(CultureInfo.InvariantCulture)),
            new("Document.Fact.AddendumKind", change.Kind == AddendumKind.TermExtension ? "Ampliación de plazo" : "Modificación de montos"),
            DocumentFact.Date("Document.Fact.TermEnd", after.End),
            DocumentFact.Money("Document.Fact.ProjectShare", after.Project), DocumentFact.Money("Document.Fact.Counterpart", after.Counterpart),
            .. change.Decision is { } decision ? [new DocumentFact("Document.Fact.Acta", decision.Code)] : Array.Empty<DocumentFact>(),
        ];
        var document = IssuedDocument.Issue(DocumentKind.Addendum, year, sequence, id,
            new DocumentSubject(round.Id, SubjectOf(contract.DocumentId, change.Number), AwardId: contract.AwardId, EntryId: entryId,
                ActaId: change.Decision?.ActaId ?? contract.ActaId),
            $"Adenda N.° {change.Number} al contrato {contractDocument.Number} — {subject.Organization}", subject.Organization, facts, file, userId, now);
        db.ContractAddenda.Add(ContractAddendum.Record(document, contract, change, userId, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return (Result.Success(), document.Id);
        }
        catch (DbUpdateException) when (retry)
        {
            // The document number or the addendum's number taken meanwhile: once more from the top.
            db.ChangeTracker.Clear();
        }
        return await IssueAsync(round, entryId, form, baseUrl, userId, ct, retry: false);
    }

    public static string SubjectOf(int contractDocumentId, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"addendum:{contractDocumentId}:{number}");

    /// <summary>The round's approved LRAC actas, latest first: what an amount change may cite.</summary>
    private async Task<IReadOnlyList<LracDecision>> DecisionsAsync(int roundId, CancellationToken ct) =>
        [.. (await db.Actas.AsNoTracking().Where(a => a.RoundId == roundId && a.ApprovedUtc != null).OrderByDescending(a => a.HeldUtc)
                .Select(a => new { a.Id, a.Year, a.Number, a.HeldUtc }).ToListAsync(ct))
            .Select(a => new LracDecision(a.Id, FormattableString.Invariant($"{a.Number:000}-{a.Year}"), DateOnly.FromDateTime(LimaTime.FromUtc(a.HeldUtc))))];

    /// <summary>The entry's contract in force in this round: the last one whose document is not void.</summary>
    private Task<DonationContract?> ContractAsync(int roundId, int entryId, CancellationToken ct) =>
        db.DonationContracts.AsNoTracking()
            .Where(c => c.RoundId == roundId && c.EntryId == entryId && db.Documents.Any(d => d.Id == c.DocumentId && d.State == DocumentState.Valid))
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);

    /// <summary>What the addendum prints: the contract it amends, the LRAC decision, what changes (before and after), the reason, the signatures.</summary>
    private static PrintedRecord Printed(ContestRound round, ContractSubject subject, string contractNumber, DonationContract contract, AddendumChange change,
        EffectiveContract before, EffectiveContract after, string number, string code, string verifyUrl, DateTime nowUtc)
    {
        var ordinal = change.Number.ToString(Spanish);
        var opening = new List<string>
        {
            $"Conste por el presente documento la Adenda N.° {ordinal} al Contrato de Donación con Cargo N.° {contractNumber}, suscrito el " +
            $"{ContractPdf.DateOf(contract.SignedOn)} entre {subject.Programme} — {subject.Office} y la organización {subject.Organization} " +
            $"para la ejecución del plan «{subject.PlanTitle}» ({round.Name}). Las demás cláusulas del contrato se mantienen vigentes.",
        };
        if (change.Decision is { } decision)
        {
            opening.Add($"La modificación fue aprobada por el CLAR en la sesión del {ContractPdf.DateOf(decision.HeldOn)}, Acta N.° {decision.Code}.");
        }
        var sections = new List<PrintedSection> { new("Antecedentes", opening, []) };
        if (change.Kind == AddendumKind.TermExtension)
        {
            sections.Add(new PrintedSection("Ampliación de plazo",
            [
                $"El plazo de ejecución de {before.TermMonths.ToString(Spanish)} meses (hasta el {ContractPdf.DateOf(before.End)}) se amplía a " +
                $"{after.TermMonths.ToString(Spanish)} meses contados desde la firma del contrato, hasta el {ContractPdf.DateOf(after.End)}.",
            ], []));
        }
        else
        {
            var old = before.Components.Single(c => c.Name == change.Component!.Name);
            sections.Add(new PrintedSection("Modificación de montos",
                [$"Se modifican los montos del componente «{old.Name}». Los montos totales del plan quedan como sigue."],
                [new PrintedTable(null,
                    [new TableColumn("Concepto", 3), new TableColumn("Antes (S/)", 1.4, CellAlign.Right), new TableColumn("Después (S/)", 1.4, CellAlign.Right)],
                    [
                        ["Aporte del proyecto — " + old.Name, ContractPdf.Figure(old.Project), ContractPdf.Figure(change.Component!.Project)],
                        ["Contrapartida — " + old.Name, ContractPdf.Figure(old.Counterpart), ContractPdf.Figure(change.Component.Counterpart)],
                        ["Aporte total del proyecto", ContractPdf.Figure(before.Project), ContractPdf.Figure(after.Project)],
                        ["Contrapartida total", ContractPdf.Figure(before.Counterpart), ContractPdf.Figure(after.Counterpart)],
                    ])]));
        }
        sections.Add(new PrintedSection("Motivo", [change.Reason], []));
        return new PrintedRecord($"ADENDA N.° {ordinal} AL CONTRATO DE DONACIÓN CON CARGO", [contractNumber, subject.Organization], sections,
            [(subject.OfficeChief, "Jefe(a) de la " + subject.Office), (subject.President, "Presidente(a) de la organización"),
                (subject.Treasurer, "Tesorero(a) de la organización")],
            number, code, verifyUrl, LimaTime.FromUtc(nowUtc));
    }
}

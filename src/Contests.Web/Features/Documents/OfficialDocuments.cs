using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Features.Allocation;
using Contests.Web.Features.Review;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Pdf;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Documents;

/// <summary>The round's acta and results-list documents, as the documents page lists them.</summary>
public sealed record RecordRow(DocumentKind Kind, int ActaId, string ActaCode, int? DocumentId, string? Number);

/// <summary>
/// The LRAC's acta and the public results list as PDF documents: built from the latest approved acta (the session's,
/// or the addendum that approved the results again), printed in Spanish, numbered, stored with their SHA-256 and a
/// verification code, audited. One valid document per acta and kind: asking again returns the one issued.
/// </summary>
public sealed class OfficialDocuments(ContestsDbContext db, Sessions sessions, PublicResults results, DocumentStore store, VerificationKeys keys,
    AuditVerifier audit, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-PE");

    public static string SubjectOf(DocumentKind kind, int actaId) =>
        (kind == DocumentKind.Acta ? "acta:" : "results:") + actaId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The latest approved acta's documents (issued or not yet).</summary>
    public async Task<IReadOnlyList<RecordRow>> RowsAsync(int roundId, CancellationToken ct)
    {
        var acta = await db.Actas.AsNoTracking().LatestApproved(roundId).Select(a => new { a.Id, a.Number, a.Year }).FirstOrDefaultAsync(ct);
        if (acta is null)
        {
            return [];
        }
        var code = FormattableString.Invariant($"{acta.Number:000}-{acta.Year}");
        var subjects = new[] { SubjectOf(DocumentKind.Acta, acta.Id), SubjectOf(DocumentKind.ResultsList, acta.Id) };
        var issued = await db.Documents.AsNoTracking().Where(d => d.RoundId == roundId && d.State == DocumentState.Valid && subjects.Contains(d.SubjectKey))
            .Select(d => new { d.Kind, d.Id, d.Number }).ToListAsync(ct);
        return [.. new[] { DocumentKind.Acta, DocumentKind.ResultsList }.Select(k =>
        {
            var d = issued.SingleOrDefault(x => x.Kind == k);
            return new RecordRow(k, acta.Id, code, d?.Id, d?.Number);
        })];
    }

    /// <summary>The valid results list of the round's latest acta, for the public page; null when none is issued.</summary>
    public async Task<int?> PublicResultsListAsync(int roundId, CancellationToken ct) =>
        (await RowsAsync(roundId, ct)).SingleOrDefault(r => r.Kind == DocumentKind.ResultsList)?.DocumentId;

    public Task<IssuedDocument?> FindAsync(int documentId, CancellationToken ct) =>
        db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct);

    /// <summary>Issues the acta or the results list of the round's latest approved acta (or returns the valid one).</summary>
    public async Task<(Result Result, int? DocumentId)> IssueAsync(ContestRound round, DocumentKind kind, string baseUrl, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (kind is not (DocumentKind.Acta or DocumentKind.ResultsList))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only actas and results lists.");
        }
        var acta = await db.Actas.AsNoTracking().LatestApproved(round.Id).FirstOrDefaultAsync(ct);
        if (acta is null || (kind == DocumentKind.ResultsList && round.Phase < RoundPhase.Published))
        {
            return (Result.Fail(new DomainError("Document.NoApprovedActa")), null);
        }
        var subject = SubjectOf(kind, acta.Id);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.Documents.AsNoTracking()
                .Where(d => d.Kind == kind && d.SubjectKey == subject && d.State == DocumentState.Valid).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                return (Result.Success(), existing);
            }
            var replaces = await db.Documents
                .Where(d => d.Kind == kind && d.SubjectKey == subject && d.State == DocumentState.Void && !db.Documents.Any(n => n.ReplacesId == d.Id))
                .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var year = LimaTime.FromUtc(now).Year;
            var sequence = await Certificates.NextSequenceAsync(db, kind, year, ct);
            var number = IssuedDocument.NumberOf(kind, year, sequence);
            var (id, code) = await keys.NewCodeAsync(ct);
            var url = Certificates.VerifyUrlOf(baseUrl, code);
            var (record, facts, title) = kind == DocumentKind.Acta
                ? await ActaAsync(round, acta, number, code, url, now, ct)
                : await ResultsAsync(round, acta, number, code, url, now, ct);
            var file = await store.SaveAsync(RecordPdf.Render(record with { Anchor = await audit.HeadAsync(ct) }), ct);
            var document = IssuedDocument.Issue(kind, year, sequence, id, new DocumentSubject(round.Id, subject, ActaId: acta.Id), title, round.Name, facts,
                file, userId, now, null, replaces);
            db.Documents.Add(document);
            try
            {
                await db.SaveChangesAsync(ct);
                return (Result.Success(), document.Id);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear(); // a number or the subject taken meanwhile: look again
            }
        }
    }

    public static string BatchSubjectOf(int batchId) => "batch:" + batchId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The valid disbursement request of a batch, if issued.</summary>
    public Task<IssuedDocument?> DisbursementRequestAsync(int batchId, CancellationToken ct)
    {
        var subject = BatchSubjectOf(batchId);
        return db.Documents.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Kind == DocumentKind.DisbursementRequest && d.SubjectKey == subject && d.State == DocumentState.Valid, ct);
    }

    /// <summary>
    /// The solicitud de desembolso of a batch (the transfer authorization finance signs): each beneficiary with bank,
    /// account and CCI and amount, the amounts by funding source, the conditions recorded for later tranches, the total
    /// in figures and words. Once per batch (asking again returns the valid one); a cancelled batch has none.
    /// </summary>
    public async Task<(Result Result, int? DocumentId)> IssueDisbursementRequestAsync(int batchId, string baseUrl, int userId, CancellationToken ct,
        bool retry = true)
    {
        var batch = await db.PayoutBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null || batch.State == Core.Payouts.BatchState.Cancelled)
        {
            return (Result.Fail(new DomainError("Document.NoBatch")), null);
        }
        if (await DisbursementRequestAsync(batchId, ct) is { } existing)
        {
            return (Result.Success(), existing.Id);
        }
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.BatchId == batchId).OrderBy(p => p.EntryNumber).ThenBy(p => p.Tranche).ToListAsync(ct);
        var sources = await db.FundingSources.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var round = await db.Rounds.AsNoTracking().Where(r => r.Id == payouts[0].RoundId).Select(r => new { r.Id, r.Name, r.ProgrammeId }).SingleAsync(ct);
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == round.ProgrammeId).Select(p => p.Name).SingleAsync(ct);
        var approvers = await db.Users.AsNoTracking().Where(u => u.Id == userId || u.Id == batch.CreatedByUserId)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var year = LimaTime.FromUtc(now).Year;
        var sequence = await Certificates.NextSequenceAsync(db, DocumentKind.DisbursementRequest, year, ct);
        var number = IssuedDocument.NumberOf(DocumentKind.DisbursementRequest, year, sequence);
        var (id, code) = await keys.NewCodeAsync(ct);
        using (new SpanishScope())
        {
            var lot = FormattableString.Invariant($"{batch.Id:000000}");
            var title = $"Solicitud de desembolso — lote N.° {lot}";
            var sections = new List<PrintedSection>
            {
                new("Datos del lote",
                [
                    $"Se solicita transferir {payouts.Count.ToString(Spanish)} pago(s) del concurso «{round.Name}» por un total de {Money.Round(batch.Total).ToString(Spanish)} ({AmountInWords.Soles(batch.Total)}), con cargo a la cuenta {batch.DebtorAccount} de {batch.DebtorName}, el {DateTimeOf(batch.ExecuteAtUtc)}.",
                    $"Identificador del mensaje al banco: {batch.MessageId}. Cada pago lleva su identificador de extremo a extremo.",
                ], [
                    new PrintedTable("Beneficiarios",
                        [new TableColumn("N.°", 0.6, CellAlign.Right), new TableColumn("Beneficiario", 2.6), new TableColumn("Banco y cuenta", 2.8),
                            new TableColumn("Tramo", 0.8, CellAlign.Right), new TableColumn("Monto", 1.4, CellAlign.Right), new TableColumn("Identificador", 1.8)],
                        [.. payouts.Select(p => (IReadOnlyList<string>)[p.EntryNumber.ToString(Spanish), p.CreditorName ?? p.BeneficiaryName,
                            $"{p.BankName} · cuenta {p.AccountNumber} · CCI {p.Cci}", $"{p.Tranche.ToString(Spanish)}/{p.TrancheCount.ToString(Spanish)}",
                            Money.Round(p.Amount).ToString(Spanish), p.EndToEndId]),
                            ["", "Total", "", "", Money.Round(batch.Total).ToString(Spanish), ""]], TotalsRow: true),
                    new PrintedTable("Por fuente de financiamiento",
                        [new TableColumn("Fuente", 4), new TableColumn("Monto", 1.5, CellAlign.Right)],
                        [.. payouts.SelectMany(p => p.Shares).GroupBy(s => s.FundingSourceId).OrderBy(g => g.Key)
                            .Select(g => (IReadOnlyList<string>)[sources.GetValueOrDefault(g.Key, "?"), Money.Round(g.Sum(s => s.Amount)).ToString(Spanish)])]),
                ]),
            };
            var conditions = payouts.Where(p => p.Conditions.Count > 0).SelectMany(p => p.Conditions.OrderBy(c => c.Kind).Select(c =>
                $"N.° {p.EntryNumber.ToString(Spanish)}, tramo {p.Tranche.ToString(Spanish)}: {l["TrancheConditionKind." + c.Kind].Value}, registrado el {DateOf(c.RecordedUtc)}{(c.Note is null ? string.Empty : " — " + c.Note)}.")).ToList();
            sections.Add(new PrintedSection("Condiciones cumplidas", conditions.Count == 0
                ? ["Todos los pagos del lote son primeros tramos o premios únicos: no requieren condiciones previas."]
                : conditions, []));
            sections.AddRange(await PerOrganizationAsync(payouts, sources, round.Name, ct));
            List<(string Name, string Role)> signers = [(approvers.GetValueOrDefault(batch.CreatedByUserId, "________"), "Oficial de finanzas — programó el lote")];
            if (userId != batch.CreatedByUserId)
            {
                signers.Add((approvers.GetValueOrDefault(userId, "________"), "Oficial de finanzas — emite la solicitud"));
            }
            var record = new PrintedRecord(title.ToUpper(Spanish), [programme], sections, signers, number, code, Certificates.VerifyUrlOf(baseUrl, code),
                LimaTime.FromUtc(now));
            var file = await store.SaveAsync(RecordPdf.Render(record with { Anchor = await audit.HeadAsync(ct) }), ct);
            IReadOnlyList<DocumentFact> facts =
            [
                new("Document.Fact.Programme", programme), new("Document.Fact.Round", round.Name), new("Document.Fact.Batch", lot),
                DocumentFact.Number("Document.Fact.Payouts", payouts.Count), DocumentFact.Money("Document.Fact.Total", batch.Total),
            ];
            var document = IssuedDocument.Issue(DocumentKind.DisbursementRequest, year, sequence, id,
                new DocumentSubject(round.Id, BatchSubjectOf(batch.Id), BatchId: batch.Id), title, batch.DebtorName, facts, file, userId, now);
            db.Documents.Add(document);
            try
            {
                await db.SaveChangesAsync(ct);
                return (Result.Success(), document.Id);
            }
            catch (DbUpdateException) when (retry)
            {
                // Another request took the number or issued this batch's request meanwhile: once more, from the top.
                db.ChangeTracker.Clear();
            }
        }
        return await IssueDisbursementRequestAsync(batchId, baseUrl, userId, ct, retry: false);
    }

    /// <summary>
    /// One transfer authorization per organization paid in the batch (what its file keeps): its contract, the tranche,
    /// the account, the amount in figures and words, the amounts by funding source and the conditions met.
    /// </summary>
    private async Task<IReadOnlyList<PrintedSection>> PerOrganizationAsync(IReadOnlyList<Core.Payouts.Payout> payouts, Dictionary<int, string> sources,
        string roundName, CancellationToken ct)
    {
        var entryIds = payouts.Select(p => p.EntryId).ToList();
        var organizations = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id) && e.OrganizationId != null)
            .Select(e => e.Id).ToListAsync(ct);
        if (organizations.Count == 0)
        {
            return [];
        }
        var contracts = await db.Documents.AsNoTracking()
            .Where(d => d.Kind == DocumentKind.Contract && d.State == DocumentState.Valid && d.EntryId != null && organizations.Contains(d.EntryId.Value))
            .ToDictionaryAsync(d => d.EntryId!.Value, d => d.Number, ct);
        return [.. payouts.Where(p => organizations.Contains(p.EntryId)).Select(p =>
        {
            var tranche = $"tramo {p.Tranche.ToString(Spanish)} de {p.TrancheCount.ToString(Spanish)}";
            var lines = new List<string>
            {
                $"Se autoriza transferir a {p.CreditorName ?? p.BeneficiaryName} el {tranche} de la donación del concurso «{roundName}», "
                    + (contracts.TryGetValue(p.EntryId, out var contract) ? $"según el contrato de donación con cargo N.° {contract}." : "(contrato de donación con cargo: no emitido en el sistema)."),
                $"Cuenta: {p.BankName}, N.° {p.AccountNumber}, CCI {p.Cci}.",
                $"Monto: {Money.Round(p.Amount).ToString(Spanish)} ({AmountInWords.Soles(p.Amount)}). Identificador de extremo a extremo: {p.EndToEndId}.",
            };
            lines.AddRange(p.Conditions.Count == 0
                ? ["Condición: primer tramo o premio único, sin condiciones previas registradas."]
                : p.Conditions.OrderBy(c => c.Kind).Select(c => $"Condición cumplida: {l["TrancheConditionKind." + c.Kind].Value}, registrada el {DateOf(c.RecordedUtc)}{(c.Note is null ? string.Empty : " — " + c.Note)}."));
            return new PrintedSection($"Autorización de transferencia — {p.BeneficiaryName}", lines,
            [
                new PrintedTable(null, [new TableColumn("Fuente de financiamiento", 4), new TableColumn("Monto", 1.5, CellAlign.Right)],
                    [.. p.Shares.OrderBy(x => x.FundingSourceId).Select(x => (IReadOnlyList<string>)[sources.GetValueOrDefault(x.FundingSourceId, "?"), Money.Round(x.Amount).ToString(Spanish)])]),
            ]);
        })];
    }

    private async Task<(PrintedRecord Record, IReadOnlyList<DocumentFact> Facts, string Title)> ActaAsync(ContestRound round, Acta acta, string number,
        string code, string url, DateTime now, CancellationToken ct)
    {
        var page = await sessions.PageAsync(round, new SessionAccess(false, null), ct, acta.Id);
        acta = page.Acta ?? acta; // with its awards, overrides and attendance
        var programme = await ProgrammeAsync(round, ct);
        using var _ = new SpanishScope();
        var names = page.Results?.Rows.ToDictionary(r => r.Result.Entry.EntryId, r => (r.Competitor, r.Pool)) ?? [];
        var title = l[acta.Kind == ActaKind.Addendum ? "Acta.AddendumTitle" : "Acta.Title", acta.Code!].Value;
        var sections = new List<PrintedSection>
        {
            new(l["Session.Attendance"].Value, [l["Acta.Quorum", acta.VotingPresent ?? 0, acta.VotingMembers ?? 0, Quorum.Needed(acta.VotingMembers ?? 0)].Value],
            [
                new PrintedTable(null, [new TableColumn("Miembro", 3), new TableColumn("Cargo", 2), new TableColumn("Asistencia", 1.3)],
                    [.. page.Members.Select(m => (IReadOnlyList<string>)[m.Name, l["LracRole." + m.Role].Value, l[m.Present ? "Session.Present" : "Session.Absent"].Value])]),
            ]),
        };
        var pools = acta.Awards.GroupBy(a => a.PoolKey).OrderBy(g => g.Key, StringComparer.Ordinal).Select(pool =>
        {
            var poolName = pool.Select(a => names.TryGetValue(a.EntryId, out var n) ? n.Pool : null).FirstOrDefault(n => n is not null) ?? pool.Key;
            return new PrintedTable(poolName,
                [new TableColumn("Puesto", 1.1, CellAlign.Right), new TableColumn("N.°", 0.6, CellAlign.Right), new TableColumn(l["Results.Competitor"].Value, 2.6),
                    new TableColumn(l["Results.Score"].Value, 1, CellAlign.Right), new TableColumn(l["Results.Prize"].Value, 1.3, CellAlign.Right),
                    new TableColumn(l["Results.Note"].Value, 3.6)],
                [.. pool.OrderBy(a => a.Place).ThenBy(a => a.Number).Select(a => (IReadOnlyList<string>)[
                    a.Place.ToString(Spanish), a.Number.ToString(Spanish), names.TryGetValue(a.EntryId, out var n) ? n.Competitor : string.Empty,
                    a.Final.ToString("0.##", Spanish), Money.Round(a.Amount).ToString(Spanish), ExplanationText.RenderAll(a.Explanation, l)])]);
        }).ToList();
        sections.Add(new PrintedSection(l["Acta.Results"].Value, acta.Notes is { } notes ? [ExplanationText.RenderAll(notes.Round, l)] : [], pools));
        if (acta.Kind == ActaKind.Addendum && page.Changes is { Count: > 0 } changes)
        {
            sections.Add(new PrintedSection(l["Appeals.Changes"].Value, [.. changes.Select(c => string.Create(Spanish,
                $"N.° {c.Number}: puesto {c.PlaceBefore?.ToString(Spanish) ?? "—"} → {c.PlaceAfter?.ToString(Spanish) ?? "—"}; premio {Money.Round(c.AmountBefore ?? 0m).ToString(Spanish)} → {Money.Round(c.AmountAfter ?? 0m).ToString(Spanish)}"))], []));
        }
        sections.Add(new PrintedSection(l["Acta.Overrides"].Value, acta.Overrides.Count == 0 ? [l["Acta.NoOverrides"].Value]
            : [.. acta.Overrides.OrderBy(o => o.EntryId).Select(o =>
            {
                var award = acta.Awards.FirstOrDefault(a => a.EntryId == o.EntryId);
                return l["Acta.OverrideLine", award?.Number ?? 0, names.TryGetValue(o.EntryId, out var n) ? n.Competitor : string.Empty,
                    award is null ? "—" : Money.Round(award.Computed).ToString(Spanish), Money.Round(o.Amount).ToString(Spanish), o.Reason].Value;
            })], []));
        var total = acta.Total ?? 0m;
        sections.Add(new PrintedSection(l["Acta.Agreement"].Value,
        [
            l["Acta.AgreementText", $"{Money.Round(total).ToString(Spanish)} ({AmountInWords.Soles(total)})", DateOf(acta.AppealsUntilUtc)].Value,
            l["Acta.ApprovedAt", DateTimeOf(acta.ApprovedUtc)].Value,
        ], []));
        var opening = l["Acta.Opening", page.OfficeName ?? string.Empty, DateTimeOf(acta.HeldUtc), acta.Place, round.Name].Value;
        var record = new PrintedRecord(title.ToUpper(Spanish), [programme, round.Name], [new PrintedSection(string.Empty, [opening], []), .. sections],
            [.. page.Members.Where(m => m.Present).Select(m => (m.Name, l["LracRole." + m.Role].Value))], number, code, url, LimaTime.FromUtc(now));
        IReadOnlyList<DocumentFact> facts =
        [
            new("Document.Fact.Programme", programme), new("Document.Fact.Round", round.Name), new("Document.Fact.Acta", acta.Code!),
            DocumentFact.Date("Document.Fact.SessionDate", DateOnly.FromDateTime(LimaTime.FromUtc(acta.HeldUtc))), new("Document.Fact.SessionPlace", acta.Place),
            DocumentFact.Money("Document.Fact.Total", total),
        ];
        return (record, facts, title);
    }

    private async Task<(PrintedRecord Record, IReadOnlyList<DocumentFact> Facts, string Title)> ResultsAsync(ContestRound round, Acta acta, string number,
        string code, string url, DateTime now, CancellationToken ct)
    {
        var page = await results.FindAsync(round, ct) ?? throw new InvalidOperationException("A published round has its results.");
        using var _ = new SpanishScope();
        var title = l["Results.Title", round.Name].Value;
        var actaLine = l[page.Addendum ? "Results.AddendumLine" : "Results.ActaLine", page.ActaCode, DateTimeOf(page.HeldUtc), page.HeldPlace].Value;
        var sections = page.Pools.Select(pool => new PrintedSection(pool.Name, [],
        [
            new PrintedTable(null,
                [new TableColumn("Puesto", 1.1, CellAlign.Right), new TableColumn("N.°", 0.6, CellAlign.Right), new TableColumn(l["Results.Competitor"].Value, 3),
                    new TableColumn(l["Results.Community"].Value, 2), new TableColumn(l["Results.Score"].Value, 1, CellAlign.Right),
                    new TableColumn(l["Results.Prize"].Value, 1.4, CellAlign.Right)],
                [.. pool.Rows.Select(r => (IReadOnlyList<string>)[r.Rank.ToString(Spanish), r.Number.ToString(Spanish), r.Competitor, r.Place,
                    r.Final.ToString("0.##", Spanish), Money.Round(r.Amount).ToString(Spanish)])]),
        ])).ToList();
        List<string> totals = [$"{Money.Round(page.Total).ToString(Spanish)} ({AmountInWords.Soles(page.Total)})"];
        if (page.AppealsUntilUtc is { } until && round.Phase == RoundPhase.Published)
        {
            totals.Add($"{l["Results.Appeals"].Value}: {l["Results.AppealsUntil", DateOf(until)].Value}");
        }
        sections.Add(new PrintedSection(l["Results.Total"].Value, totals, []));
        var record = new PrintedRecord(title.ToUpper(Spanish), [page.Programme + " · " + page.Office, l["Results.Acta"].Value + ": " + actaLine], sections, [],
            number, code, url, LimaTime.FromUtc(now));
        IReadOnlyList<DocumentFact> facts =
        [
            new("Document.Fact.Programme", page.Programme), new("Document.Fact.Round", round.Name), new("Document.Fact.Acta", page.ActaCode),
            DocumentFact.Money("Document.Fact.Total", page.Total),
        ];
        return (record, facts, title);
    }

    private Task<string> ProgrammeAsync(ContestRound round, CancellationToken ct) =>
        db.Programmes.AsNoTracking().Where(p => p.Id == round.ProgrammeId).Select(p => p.Name).SingleAsync(ct);

    private static string DateTimeOf(DateTime? utc) => utc is { } value ? LimaTime.FromUtc(value).ToString("d 'de' MMMM 'de' yyyy, HH:mm", Spanish) : "—";

    private static string DateOf(DateTime? utc) => utc is { } value ? LimaTime.FromUtc(value).ToString("d 'de' MMMM 'de' yyyy", Spanish) : "—";

    /// <summary>Documents print in Spanish whatever the reader's screen language: the localizer reads the UI culture.</summary>
    private sealed class SpanishScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;

        public SpanishScope()
        {
            CultureInfo.CurrentCulture = Spanish;
            CultureInfo.CurrentUICulture = Spanish;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _ui;
        }
    }
}

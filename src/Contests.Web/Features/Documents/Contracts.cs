using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Features.Rounds;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Documents;

/// <summary>One component row as typed (amounts as text, read like every money field: "1250.50").</summary>
public sealed class ComponentForm
{
    public string? Name { get; set; }

    public string? Project { get; set; }

    public string? Counterpart { get; set; }

    public bool IsBlank => Text.Clean(Name) is null && Text.Clean(Project) is null && Text.Clean(Counterpart) is null;
}

/// <summary>The contract form: components, term, place and date of signature, as typed.</summary>
public sealed class ContractForm
{
    /// <summary>Empty rows the form offers after the typed ones, to add components without a script.</summary>
    public const int SpareRows = 3;

    public List<ComponentForm> Components { get; set; } = [];

    public string? TermMonths { get; set; }

    public string? Place { get; set; }

    public string? SignedOn { get; set; }
}

/// <summary>A funded organization of the round, as the documents page lists it.</summary>
public sealed record ContractRow(int EntryId, int Number, string Organization, string? Plan, decimal Amount, decimal Counterpart, bool AccountReady,
    int? DocumentId, string? DocumentNumber, int VoidCount);

/// <summary>Everything a contract prints about its parties and amounts, read from the round, the acta and the registry.</summary>
public sealed record ContractSubject(int EntryId, int EntryNumber, string PlanTitle, int OrganizationId, string Organization, string? Ruc,
    string President, string PresidentDni, string Treasurer, string TreasurerDni, int AwardId, decimal Amount, decimal Counterpart,
    IReadOnlyList<string> FundingSources, int ActaId, string ActaCode, DateOnly ActaDate, string Programme, string Office, string OfficeCity,
    string OfficeChief, BankAccount? Account);

/// <summary>A contract's page: what it will print, the form, the contracts issued before for the entry.</summary>
public sealed record ContractPage(ContestRound Round, ContractSubject Subject, ContractForm Form, int TemplateVersion, IReadOnlyList<ContractTranche> Tranches,
    IReadOnlyList<IssuedRow> Documents, bool CanIssue)
{
    /// <summary>The addenda of the contract in force and their form (<see cref="ContractAddenda"/>), when there is one.</summary>
    public AddendaPanel? Addenda { get; init; }
}

/// <summary>
/// The <i>contrato de donación con cargo</i> of each funded organization (docs/architecture.md#how-the-programmes-do-it): built from the round's
/// approved acta (its number and date, the award as the project's donation), the plan's counterpart, the
/// organization's representatives and verified account, the local office and its chief, the funding sources, the
/// tranches the payouts will follow, the programme's current template, and the terms the officer sets (components,
/// term, place and date). Refused without an approved acta that funds the entry, or without a verified account.
/// Issued as a numbered, verifiable document (<c>CDC-…</c>) with a record of its terms; one valid per entry: a change
/// voids it and issues another.
/// </summary>
public sealed class Contracts(ContestsDbContext db, ContractTemplates templates, DocumentStore store, VerificationKeys keys, AuditVerifier audit,
    TimeProvider clock)
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-PE");

    /// <summary>When the first tranche (or the only one) is paid, as the contract prints it (docs/architecture.md#how-the-programmes-do-it).</summary>
    public const string FirstTrancheCondition =
        "A la firma del contrato, acreditado el depósito de no menos del 50 % de la contrapartida de la organización.";

    /// <summary>When the second tranche is paid: the share to account for is the one the payout's rule checks.</summary>
    public static readonly string SecondTrancheCondition = string.Create(CultureInfo.InvariantCulture,
        $"Aprobado el avance por el CLAR y rendido no menos del {Payout.AccountedMinPercent:0} % del primer tramo.");

    public static string SubjectOf(int entryId) => "contract:" + entryId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The round's funded organizations (current awards with money), with their contract if issued; empty for other levels.</summary>
    public async Task<IReadOnlyList<ContractRow>> RowsAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.Level != RoundLevel.Organizations)
        {
            return [];
        }
        var funded = await (from a in db.Awards.AsNoTracking()
                            join e in db.Entries.AsNoTracking() on a.EntryId equals e.Id
                            where a.RoundId == round.Id && a.Current && a.Amount > 0 && e.OrganizationId != null
                            orderby e.Number
                            select new { e.Id, e.Number, e.CompetitorName, e.PlanTitle, a.Amount, e.Counterpart, e.OrganizationId }).ToListAsync(ct);
        var organizations = funded.Select(f => f.OrganizationId!.Value).ToList();
        var ready = (await db.BankAccounts.AsNoTracking()
            .Where(b => b.OrganizationId != null && organizations.Contains(b.OrganizationId.Value) && b.IsActive && b.VerifiedUtc != null)
            .Select(b => b.OrganizationId!.Value).ToListAsync(ct)).ToHashSet();
        var documents = await db.Documents.AsNoTracking().Where(d => d.RoundId == round.Id && d.Kind == DocumentKind.Contract)
            .Select(d => new { d.Id, d.Number, d.EntryId, d.State }).ToListAsync(ct);
        return [.. funded.Select(f =>
        {
            var mine = documents.Where(d => d.EntryId == f.Id).ToList();
            var valid = mine.FirstOrDefault(d => d.State == DocumentState.Valid);
            return new ContractRow(f.Id, f.Number, f.CompetitorName, f.PlanTitle, f.Amount, f.Counterpart ?? 0, ready.Contains(f.OrganizationId!.Value),
                valid?.Id, valid?.Number, mine.Count(d => d.State == DocumentState.Void));
        })];
    }

    /// <summary>The contract page of a funded entry, or null when the entry has no approved award with money in an organizations round.</summary>
    public async Task<ContractPage?> PageAsync(ContestRound round, int entryId, ContractForm? typed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var subject = await SubjectAsync(round, entryId, ct);
        if (subject is null)
        {
            return null;
        }
        var template = await templates.CurrentAsync(ct);
        var form = typed ?? await SuggestedFormAsync(subject, ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.Kind == DocumentKind.Contract && d.EntryId == entryId)
            .OrderByDescending(d => d.Id)
            .Select(d => new IssuedRow(d.Id, d.Number, d.Kind, d.Holder, d.State, d.IssuedUtc, d.VoidReason, d.ReplacesId, d.EntryId)).ToListAsync(ct);
        return new ContractPage(round, subject, Padded(form), template.Version, TranchesOf(round, subject), documents,
            DocumentRules.CanIssueCertificates(round.Phase).Succeeded);
    }

    /// <summary>
    /// Issues the contract of a funded entry with the terms typed, or refuses with every reason (the form keeps what was
    /// typed; nothing is written): no approved acta funding it (<c>Contract.NotFunded</c>, then null is returned as
    /// not found by the caller), a round not yet published, a valid contract already issued, no verified account,
    /// terms that don't add up.
    /// </summary>
    public async Task<(Result Result, int? DocumentId)> IssueAsync(ContestRound round, int entryId, ContractForm form, string baseUrl, int userId,
        CancellationToken ct, bool retry = true)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var subject = await SubjectAsync(round, entryId, ct);
        if (subject is null)
        {
            return (Result.Fail(new DomainError("Contract.NotFunded")), null);
        }
        var errors = new List<DomainError>();
        if (!DocumentRules.CanIssueCertificates(round.Phase).Succeeded)
        {
            errors.Add(new DomainError("Contract.RoundNotPublished", null, round.Phase));
        }
        if (await ValidAsync(entryId, ct) is not null)
        {
            errors.Add(new DomainError("Contract.AlreadyIssued"));
        }
        if (subject.Account is null)
        {
            errors.Add(new DomainError("Contract.NoVerifiedAccount", null, subject.Organization));
        }
        var terms = Terms(form, new ContractAmounts(subject.Amount, subject.Counterpart, subject.ActaDate), errors);
        if (errors.Count > 0 || terms is null)
        {
            return (Result.Fail(errors), null);
        }
        var template = await templates.CurrentStoredAsync(userId, ct);
        var replaces = await db.Documents
            .Where(d => d.Kind == DocumentKind.Contract && d.EntryId == entryId && d.State == DocumentState.Void && !db.Documents.Any(n => n.ReplacesId == d.Id))
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var year = LimaTime.FromUtc(now).Year;
        var sequence = await Certificates.NextSequenceAsync(db, DocumentKind.Contract, year, ct);
        var number = IssuedDocument.NumberOf(DocumentKind.Contract, year, sequence);
        var (id, code) = await keys.NewCodeAsync(ct);
        var contract = Document(round, subject, template, terms, number, code, Certificates.VerifyUrlOf(baseUrl, code), now) with
        {
            Anchor = await audit.HeadAsync(ct),
        };
        var file = await store.SaveAsync(ContractPdf.Render(contract), ct);
        IReadOnlyList<DocumentFact> facts =
        [
            new("Document.Fact.Programme", subject.Programme), new("Document.Fact.Round", round.Name), new("Document.Fact.Holder", subject.Organization),
            new("Document.Fact.Plan", subject.PlanTitle), new("Document.Fact.Acta", subject.ActaCode),
            DocumentFact.Money("Document.Fact.ProjectShare", terms.Project), DocumentFact.Money("Document.Fact.Counterpart", terms.Counterpart),
            DocumentFact.Date("Document.Fact.SignedOn", terms.SignedOn), new("Document.Fact.SignedAt", terms.Place),
        ];
        var document = IssuedDocument.Issue(DocumentKind.Contract, year, sequence, id,
            new DocumentSubject(round.Id, SubjectOf(entryId), AwardId: subject.AwardId, EntryId: entryId, ActaId: subject.ActaId),
            $"Contrato de donación con cargo — {subject.Organization}", subject.Organization, facts, file, userId, now, null, replaces);
        db.DonationContracts.Add(DonationContract.Record(document, subject.OrganizationId, subject.AwardId, template.Version, terms, userId, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return (Result.Success(), document.Id);
        }
        catch (DbUpdateException) when (retry)
        {
            // The number taken by another document meanwhile, or a double click issued this contract: once more from the top.
            db.ChangeTracker.Clear();
        }
        return await IssueAsync(round, entryId, form, baseUrl, userId, ct, retry: false);
    }

    /// <summary>What the PDF prints: the template filled with the parties, amounts, tranches and account.</summary>
    public static ContractDocument Document(ContestRound round, ContractSubject subject, ContractTemplate template, ContractTerms terms, string number,
        string code, string verifyUrl, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(terms);
        var account = subject.Account ?? throw new ArgumentException("A contract names the organization's account.", nameof(subject));
        var tranches = TranchesOf(round, subject);
        var values = new Dictionary<string, string>
        {
            ["programa"] = subject.Programme,
            ["oficina"] = subject.Office,
            ["jefe_oficina"] = subject.OfficeChief,
            ["jefe_oficina_dni"] = string.Empty,
            ["organizacion"] = subject.Organization,
            ["organizacion_ruc"] = subject.Ruc ?? string.Empty,
            ["presidente"] = subject.President,
            ["presidente_dni"] = subject.PresidentDni,
            ["tesorero"] = subject.Treasurer,
            ["tesorero_dni"] = subject.TreasurerDni,
            ["fuente_financiamiento"] = FundingText(subject.FundingSources),
            ["acta_numero"] = subject.ActaCode,
            ["acta_fecha"] = ContractPdf.DateOf(subject.ActaDate),
            ["concurso"] = round.Name,
            ["plan_titulo"] = subject.PlanTitle,
            ["monto_proyecto"] = ContractPdf.Amount(terms.Project),
            ["monto_proyecto_letras"] = AmountInWords.Soles(terms.Project),
            ["monto_contrapartida"] = ContractPdf.Amount(terms.Counterpart),
            ["monto_contrapartida_letras"] = AmountInWords.Soles(terms.Counterpart),
            ["monto_total"] = ContractPdf.Amount(terms.Total),
            ["monto_total_letras"] = AmountInWords.Soles(terms.Total),
            ["porcentaje_proyecto"] = ContractPdf.Percent(ContractPdf.Share(terms.Project, terms.Total)),
            ["porcentaje_contrapartida"] = ContractPdf.Percent(ContractPdf.Share(terms.Counterpart, terms.Total)),
            ["plazo_meses"] = $"{AmountInWords.Number(terms.TermMonths).ToLower(Spanish)} ({terms.TermMonths.ToString(Spanish)})",
            ["primer_tramo_porcentaje"] = ContractPdf.Percent(tranches[0].Percent),
            ["segundo_tramo_porcentaje"] = tranches.Count > 1 ? ContractPdf.Percent(tranches[1].Percent) : ContractPdf.Percent(0),
            ["banco"] = account.BankName,
            ["cuenta"] = account.AccountNumber,
            ["cci"] = account.Cci,
            ["lugar"] = terms.Place,
            ["fecha"] = ContractPdf.DateOf(terms.SignedOn),
        };
        return new ContractDocument(number, code, verifyUrl, subject.Programme, subject.Office, subject.Organization, template.Fill(values), terms.Components,
            tranches, account.BankName, account.AccountNumber, account.Cci, terms.Place, terms.SignedOn,
            new ContractSigner(subject.OfficeChief, null, "Jefe(a) de la " + subject.Office + "\nEL PROYECTO"),
            new ContractSigner(subject.President, subject.PresidentDni, "Presidente(a) de la organización"),
            new ContractSigner(subject.Treasurer, subject.TreasurerDni, "Tesorero(a) de la organización"), nowUtc);
    }

    /// <summary>
    /// The tranches the payouts will follow (<see cref="PayoutPlan"/>: the round's first-tranche percentage of the
    /// award, the rest after progress), with the conditions of docs/architecture.md#how-the-programmes-do-it; one tranche when the award is too small to split.
    /// </summary>
    public static IReadOnlyList<ContractTranche> TranchesOf(ContestRound round, ContractSubject subject)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(subject);
        var drafts = PayoutPlan.For(round, [new AwardToPay(subject.AwardId, subject.EntryId, subject.EntryNumber, subject.Organization, subject.Amount, [], true)],
            new HashSet<int>());
        if (drafts.Count == 1)
        {
            return [new ContractTranche("Tramo único", 100m, subject.Amount,
                FirstTrancheCondition)];
        }
        return [.. drafts.Select(d => new ContractTranche(d.Tranche == 1 ? "Primer tramo" : "Segundo tramo", ContractPdf.Share(d.Amount, subject.Amount), d.Amount,
            d.Tranche == 1
                ? FirstTrancheCondition
                : SecondTrancheCondition))];
    }

    /// <summary>The funding sources as the clause SEGUNDA reads them: "recursos de A", "recursos de A y de B".</summary>
    public static string FundingText(IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return sources.Count switch
        {
            0 => ContractPlaceholders.Blank,
            1 => "recursos de " + sources[0],
            _ => "recursos de " + string.Join(", de ", sources.Take(sources.Count - 1)) + " y de " + sources[^1],
        };
    }

    /// <summary>The valid contract of an entry, if any.</summary>
    public Task<IssuedDocument?> ValidAsync(int entryId, CancellationToken ct) =>
        db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Kind == DocumentKind.Contract && d.EntryId == entryId && d.State == DocumentState.Valid, ct);

    /// <summary>The terms an issued contract recorded.</summary>
    public Task<DonationContract?> RecordAsync(int documentId, CancellationToken ct) =>
        db.DonationContracts.AsNoTracking().FirstOrDefaultAsync(c => c.DocumentId == documentId, ct);

    /// <summary>The parties and amounts of a funded entry of an organizations round; null when there is none.</summary>
    public async Task<ContractSubject?> SubjectAsync(ContestRound round, int entryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.Level != RoundLevel.Organizations)
        {
            return null;
        }
        var found = await (from a in db.Awards.AsNoTracking()
                           join e in db.Entries.AsNoTracking() on a.EntryId equals e.Id
                           join o in db.Organizations.AsNoTracking() on e.OrganizationId equals o.Id
                           join act in db.Actas.AsNoTracking() on a.ActaId equals act.Id
                           where a.RoundId == round.Id && a.EntryId == entryId && a.Current && a.Amount > 0 && act.ApprovedUtc != null
                           select new { Award = a, Entry = e, Organization = o, Acta = act }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }
        var sources = await (from share in db.Awards.AsNoTracking().Where(a => a.Id == found.Award.Id).SelectMany(a => a.Funding)
                             join source in db.FundingSources.AsNoTracking() on share.FundingSourceId equals source.Id
                             orderby source.Id
                             select source.Name).ToListAsync(ct);
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == round.ProgrammeId).Select(p => p.Name).SingleAsync(ct);
        var office = await db.Set<LocalOffice>().AsNoTracking().Where(x => x.Id == round.LocalOfficeId).Select(x => new { x.Name, x.City, x.ChiefName })
            .SingleAsync(ct);
        var account = await db.BankAccounts.AsNoTracking()
            .Where(b => b.OrganizationId == found.Organization.Id && b.IsActive && b.VerifiedUtc != null).OrderByDescending(b => b.VerifiedUtc)
            .FirstOrDefaultAsync(ct);
        var org = found.Organization;
        return new ContractSubject(found.Entry.Id, found.Entry.Number, found.Entry.PlanTitle ?? found.Entry.CompetitorName, org.Id, org.Name, org.Ruc,
            org.PresidentName, org.PresidentDni, org.TreasurerName, org.TreasurerDni, found.Award.Id, found.Award.Amount, found.Entry.Counterpart ?? 0,
            sources, found.Acta.Id, found.Acta.Code!, DateOnly.FromDateTime(LimaTime.FromUtc(found.Acta.HeldUtc)), programme, office.Name, office.City,
            office.ChiefName, account);
    }

    /// <summary>The form a new contract starts with: the last contract's terms (when its amounts still hold) or the plan as one component.</summary>
    private async Task<ContractForm> SuggestedFormAsync(ContractSubject subject, CancellationToken ct)
    {
        var previous = await db.DonationContracts.AsNoTracking().Where(c => c.EntryId == subject.EntryId).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        var today = DateOnly.FromDateTime(LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var input = ContractTerms.Suggested(subject.PlanTitle, new ContractAmounts(subject.Amount, subject.Counterpart, subject.ActaDate), previous?.Terms, today);
        return new ContractForm
        {
            Components = [.. input.Components.Select(c => new ComponentForm
            {
                Name = c.Name, Project = c.Project?.ToString("0.00", CultureInfo.InvariantCulture), Counterpart = c.Counterpart?.ToString("0.00", CultureInfo.InvariantCulture),
            })],
            TermMonths = input.TermMonths?.ToString(CultureInfo.InvariantCulture),
            Place = input.Place ?? subject.OfficeCity,
            SignedOn = input.SignedOn is { } d ? LimaInput.DateValue(d.ToDateTime(TimeOnly.MinValue)) : null,
        };
    }

    /// <summary>The form with its typed rows and <see cref="ContractForm.SpareRows"/> empty ones after them.</summary>
    private static ContractForm Padded(ContractForm form)
    {
        var rows = form.Components.Where(c => !c.IsBlank).ToList();
        rows.AddRange(Enumerable.Range(0, ContractForm.SpareRows).Select(_ => new ComponentForm()));
        return new ContractForm { Components = rows, TermMonths = form.TermMonths, Place = form.Place, SignedOn = form.SignedOn };
    }

    /// <summary>
    /// Reads the typed form (blank rows dropped; amounts and numbers read as every form reads them) and checks the terms
    /// against the award and counterpart. Errors name the row at its position in the form, as the officer sees it; an
    /// unreadable amount is not reported again as missing.
    /// </summary>
    private static ContractTerms? Terms(ContractForm form, ContractAmounts amounts, List<DomainError> errors)
    {
        var components = new List<ContractComponentInput>();
        var positions = new List<int>();
        var typing = new List<DomainError>();
        for (var i = 0; i < form.Components.Count; i++)
        {
            var c = form.Components[i];
            if (c.IsBlank)
            {
                continue;
            }
            var at = components.Count;
            positions.Add(i);
            var project = FormNumbers.Money(c.Project, $"Components[{at}].Project", typing, required: false);
            var counterpart = FormNumbers.Money(c.Counterpart, $"Components[{at}].Counterpart", typing, required: false);
            components.Add(new ContractComponentInput(c.Name, project, counterpart));
        }
        var months = Text.Clean(form.TermMonths) is null ? null : FormNumbers.WholeNumber(form.TermMonths, nameof(ContractForm.TermMonths), typing);
        DateOnly? signed = null;
        if (Text.Clean(form.SignedOn) is { } text)
        {
            if (LimaInput.TryParseDate(text, out var day))
            {
                signed = DateOnly.FromDateTime(day);
            }
            else
            {
                typing.Add(new DomainError("Document.DateFormat", nameof(ContractForm.SignedOn), text));
            }
        }
        var rules = new List<DomainError>();
        var terms = ContractTerms.Create(new ContractTermsInput(components, months, form.Place, signed), amounts, rules);
        var flagged = typing.Select(e => e.Field).ToHashSet();
        errors.AddRange(typing.Concat(rules.Where(e => e.Field is null || !flagged.Contains(e.Field))).Select(e => e with { Field = ContractTemplates.AtPosition(e.Field, "Components[", positions) }));
        return typing.Count > 0 ? null : terms;
    }
}

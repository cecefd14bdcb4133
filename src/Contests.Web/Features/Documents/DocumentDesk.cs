using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Rounds;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Documents;

/// <summary>The ceremony as typed on the pack or certificate form (date yyyy-MM-dd, place; community for a pack).</summary>
public sealed class CeremonyForm
{
    public string? CeremonyDate { get; set; }

    public string? CeremonyPlace { get; set; }

    public int? CommunityId { get; set; }
}

/// <summary>A reason to void a document (and for a reissue, the ceremony the new one prints).</summary>
public sealed class VoidForm
{
    public string? VoidReason { get; set; }
}

public sealed record CertificateRow(CertificateAward Award, int? DocumentId, string? Number, int VoidCount);

public sealed record PackRow(int Id, string? Community, PackState State, int Done, int Total, int Percent, DateTime RequestedUtc, string? Error);

public sealed record CommunityChoice(int Id, string Name, int Winners);

public sealed record IssuedRow(int Id, string Number, DocumentKind Kind, string Holder, DocumentState State, DateTime IssuedUtc, string? VoidReason, int? ReplacesId,
    int? EntryId);

/// <summary>A round's documents page.</summary>
public sealed record RoundDocumentsPage(int RoundId, string RoundName, RoundPhase Phase, bool CanIssue, IReadOnlyList<CertificateRow> Certificates,
    IReadOnlyList<CommunityChoice> Communities, IReadOnlyList<PackRow> Packs, IReadOnlyList<IssuedRow> Voided, string DefaultDate, string? DefaultPlace);

/// <summary>A pack's page (and its progress, polled).</summary>
public sealed record PackPage(int Id, int RoundId, string RoundName, string? Community, PackState State, int Done, int Total, int Percent,
    DateOnly CeremonyDate, string CeremonyPlace, DateTime RequestedUtc, DateTime? FinishedUtc, string? Error, long? PdfSize, long? ZipSize);

/// <summary>
/// The officer's side of certificates: the round's documents page, packs (request, cancel, resume), a single
/// certificate, voiding and reissuing. The heavy work runs in <see cref="PackBuilder"/> in the background.
/// </summary>
public sealed class DocumentDesk(ContestsDbContext db, Certificates certificates, IPackScheduler scheduler, TimeProvider clock)
{
    public async Task<RoundDocumentsPage> PageAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var awards = await certificates.AwardsAsync(round.Id, null, ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.RoundId == round.Id && d.Kind == DocumentKind.Certificate)
            .Select(d => new IssuedRow(d.Id, d.Number, d.Kind, d.Holder, d.State, d.IssuedUtc, d.VoidReason, d.ReplacesId, d.EntryId))
            .ToListAsync(ct);
        var byEntry = documents.ToLookup(d => d.EntryId);
        var rows = awards.Select(a =>
        {
            var mine = byEntry[a.EntryId].ToList();
            var valid = mine.SingleOrDefault(d => d.State == DocumentState.Valid);
            return new CertificateRow(a, valid?.Id, valid?.Number, mine.Count(d => d.State == DocumentState.Void));
        }).ToList();
        var communities = awards.Where(a => a.CommunityId is not null).GroupBy(a => (a.CommunityId!.Value, a.Community!))
            .Select(g => new CommunityChoice(g.Key.Value, g.Key.Item2, g.Count())).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var packs = await PacksAsync(round.Id, ct);
        var acta = await db.Actas.AsNoTracking().Where(a => a.RoundId == round.Id && a.ApprovedUtc != null)
            .OrderBy(a => a.ApprovedUtc).Select(a => new { a.HeldUtc, a.Place }).FirstOrDefaultAsync(ct);
        var date = LimaTime.FromUtc(acta?.HeldUtc ?? clock.GetUtcNow().UtcDateTime).Date;
        return new RoundDocumentsPage(round.Id, round.Name, round.Phase, DocumentRules.CanIssueCertificates(round.Phase).Succeeded, rows, communities, packs,
            [.. documents.Where(d => d.State == DocumentState.Void).OrderByDescending(d => d.Id)], LimaInput.DateValue(date), acta?.Place);
    }

    private async Task<IReadOnlyList<PackRow>> PacksAsync(int roundId, CancellationToken ct)
    {
        var packs = await (from p in db.DocumentPacks.AsNoTracking()
                           join c in db.Communities.AsNoTracking() on p.CommunityId equals c.Id into cs
                           from c in cs.DefaultIfEmpty()
                           where p.RoundId == roundId
                           orderby p.Id descending
                           select new { Pack = p, Community = c == null ? null : c.Name }).Take(20).ToListAsync(ct);
        return [.. packs.Select(p => new PackRow(p.Pack.Id, p.Community, p.Pack.State, p.Pack.Done, p.Pack.Total, p.Pack.Percent, p.Pack.RequestedUtc, p.Pack.Error))];
    }

    /// <summary>
    /// Queues a pack of the round's certificates (or one community's) for the background worker; with
    /// <paramref name="enqueue"/> false the caller builds it itself (the CLI, in the foreground).
    /// </summary>
    public async Task<(Result Result, int? PackId)> RequestPackAsync(ContestRound round, CeremonyForm form, string baseUrl, int userId, CancellationToken ct,
        bool enqueue = true)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<DomainError>();
        var allowed = DocumentRules.CanIssueCertificates(round.Phase);
        if (!allowed.Succeeded)
        {
            return (allowed, null);
        }
        var date = ParseDate(form.CeremonyDate, DateWindow.ForRound(round.CreatedUtc, clock.GetUtcNow().UtcDateTime), errors);
        var awards = await certificates.AwardsAsync(round.Id, form.CommunityId, ct);
        if (awards.Count == 0)
        {
            errors.Add(new DomainError(form.CommunityId is null ? "Pack.NoWinners" : "Pack.NoWinnersInCommunity", "CommunityId"));
        }
        var pack = DocumentPack.Request(round.Id, form.CommunityId, date ?? default, form.CeremonyPlace, baseUrl, userId, clock.GetUtcNow().UtcDateTime, errors);
        if (errors.Count > 0 || pack is null)
        {
            return (Result.Fail(errors), null);
        }
        db.DocumentPacks.Add(pack);
        await db.SaveChangesAsync(ct);
        if (enqueue)
        {
            await scheduler.EnqueueAsync(pack.Id, ct);
        }
        return (Result.Success(), pack.Id);
    }

    public async Task<PackPage?> PackAsync(int packId, CancellationToken ct)
    {
        var row = await (from p in db.DocumentPacks.AsNoTracking()
                         join r in db.Rounds.AsNoTracking() on p.RoundId equals r.Id
                         join c in db.Communities.AsNoTracking() on p.CommunityId equals c.Id into cs
                         from c in cs.DefaultIfEmpty()
                         where p.Id == packId
                         select new { Pack = p, Round = r.Name, Community = c == null ? null : c.Name }).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var pack = row.Pack;
        return new PackPage(pack.Id, pack.RoundId, row.Round, row.Community, pack.State, pack.Done, pack.Total, pack.Percent, pack.CeremonyDate,
            pack.CeremonyPlace, pack.RequestedUtc, pack.FinishedUtc, pack.Error, pack.PdfSize, pack.ZipSize);
    }

    public Task<DocumentPack?> FindPackAsync(int packId, CancellationToken ct) =>
        db.DocumentPacks.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packId, ct);

    public async Task<Result> CancelPackAsync(int packId, int userId, CancellationToken ct)
    {
        var pack = await db.DocumentPacks.SingleAsync(p => p.Id == packId, ct);
        var result = pack.Cancel(userId, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    public async Task<Result> ResumePackAsync(int packId, CancellationToken ct)
    {
        var pack = await db.DocumentPacks.SingleAsync(p => p.Id == packId, ct);
        var result = pack.Resume();
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
            await scheduler.EnqueueAsync(pack.Id, ct);
        }
        return result;
    }

    /// <summary>Issues one winner's certificate now (none valid yet: the first, or after a void).</summary>
    public async Task<(Result Result, int? DocumentId)> IssueAsync(ContestRound round, int entryId, CeremonyForm form, string baseUrl, int userId,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var allowed = DocumentRules.CanIssueCertificates(round.Phase);
        if (!allowed.Succeeded)
        {
            return (allowed, null);
        }
        var award = (await certificates.AwardsAsync(round.Id, null, ct)).SingleOrDefault(a => a.EntryId == entryId);
        if (award is null)
        {
            return (Result.Fail(new DomainError("Certificate.NotAWinner")), null);
        }
        var errors = new List<DomainError>();
        var date = ParseDate(form.CeremonyDate, DateWindow.ForRound(round.CreatedUtc, clock.GetUtcNow().UtcDateTime), errors);
        var place = Text.Name(form.CeremonyPlace, DocumentPack.PlaceMaxLength, nameof(CeremonyForm.CeremonyPlace), required: true, errors);
        if ((await certificates.CertifiedAsync(round.Id, [entryId], ct)).Count > 0)
        {
            errors.Add(new DomainError("Certificate.AlreadyIssued"));
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        var replaces = await db.Documents
            .Where(d => d.RoundId == round.Id && d.Kind == DocumentKind.Certificate && d.EntryId == entryId && d.State == DocumentState.Void
                && !db.Documents.Any(n => n.ReplacesId == d.Id))
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        var issuing = await certificates.RoundAsync(round.Id, userId, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await certificates.IssueAsync(issuing, [award], new Ceremony(date!.Value, place!, baseUrl), userId, null, ct,
                    replaces is null ? null : new Dictionary<int, IssuedDocument> { [entryId] = replaces });
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
        var id = await db.Documents.Where(d => d.EntryId == entryId && d.Kind == DocumentKind.Certificate && d.State == DocumentState.Valid)
            .Select(d => d.Id).SingleAsync(ct);
        return (Result.Success(), id);
    }

    public Task<IssuedDocument?> FindAsync(int documentId, CancellationToken ct) =>
        db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct);

    public async Task<Result> VoidAsync(int documentId, VoidForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var document = await db.Documents.SingleAsync(d => d.Id == documentId, ct);
        var result = document.Void(form.VoidReason, userId, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    private static DateOnly? ParseDate(string? text, DateWindow window, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new DomainError("Validation.Required", nameof(CeremonyForm.CeremonyDate), new FieldLabel("CeremonyDate")));
            return null;
        }
        if (!LimaInput.TryParseDate(text, out var day))
        {
            errors.Add(new DomainError("Document.DateFormat", nameof(CeremonyForm.CeremonyDate), text));
            return null;
        }
        if (window.Check(DateOnly.FromDateTime(day), nameof(CeremonyForm.CeremonyDate)) is { } outside)
        {
            errors.Add(outside);
            return null;
        }
        return DateOnly.FromDateTime(day);
    }
}

using System.Globalization;
using Contests.Core.Auditing;
using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Judging;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Pdf;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Documents;

/// <summary>What every certificate of a round prints about the round.</summary>
/// <param name="RoundId">The round.</param>
/// <param name="Programme">The programme's name.</param>
/// <param name="Round">The round's name.</param>
/// <param name="Office">The local office that runs it.</param>
/// <param name="President">The LRAC president's name (null while the committee has none).</param>
/// <param name="Officer">The project officer who issues the certificates.</param>
public sealed record CertificateRound(int RoundId, string Programme, string Round, string Office, string? President, string Officer);

/// <summary>One winner's award, as a certificate prints it.</summary>
public sealed record CertificateAward(int AwardId, int EntryId, int EntryNumber, string Holder, int? CommunityId, string? Community, string Pool,
    int Place, decimal Score, decimal Amount)
{
    /// <summary>The winner is a household: its holder is a person, named given-name-first on the certificate.</summary>
    public bool Household { get; init; }
}

/// <summary>Everything one certificate prints.</summary>
/// <param name="Round">The round's facts.</param>
/// <param name="Award">The winner's award.</param>
/// <param name="Number">The document number.</param>
/// <param name="Code">The whole verification code (id and signature).</param>
/// <param name="VerifyUrl">Where its QR code points.</param>
/// <param name="CeremonyDate">The ceremony's date.</param>
/// <param name="CeremonyPlace">The ceremony's place.</param>
/// <param name="IssuedUtc">When it was issued.</param>
public sealed record Certificate(CertificateRound Round, CertificateAward Award, string Number, string Code, string VerifyUrl, DateOnly CeremonyDate,
    string CeremonyPlace, DateTime IssuedUtc)
{
    /// <summary>The audit chain's head when it was issued, printed under the verification code.</summary>
    public AuditAnchor? Anchor { get; init; }

    /// <summary>The moment of issue in Lima (the PDF's creation date).</summary>
    public DateTime IssuedLima => LimaTime.FromUtc(IssuedUtc);

    public string AmountInWords => Core.Common.AmountInWords.Soles(Award.Amount);

    /// <summary>The key facts the verification page shows (no DNI, no account: the page is public).</summary>
    public IReadOnlyList<DocumentFact> Facts =>
    [
        new("Document.Fact.Programme", Round.Programme),
        new("Document.Fact.Round", Round.Round),
        new("Document.Fact.Holder", Award.Holder),
        .. Award.Community is null ? Array.Empty<DocumentFact>() : [new DocumentFact("Document.Fact.Community", Award.Community)],
        DocumentFact.Number("Document.Fact.Place", Award.Place),
        DocumentFact.Number("Document.Fact.Score", Award.Score),
        DocumentFact.Money("Document.Fact.Prize", Award.Amount),
        DocumentFact.Date("Document.Fact.CeremonyDate", CeremonyDate),
        new("Document.Fact.CeremonyPlace", CeremonyPlace),
    ];
}

/// <summary>A certificate just issued, with its file's bytes (as stored) and its QR code as encoded for the file.</summary>
public sealed record IssuedCertificate(Certificate Certificate, byte[] File, QrModules Qr)
{
    /// <summary>Its page as drawn for its file, when the file was written from a template (a printable reuses it).</summary>
    public PreparedPage? Page { get; init; }
}

/// <summary>The certificates one call issued, in the order asked, and the time spent rendering and storing their files.</summary>
public sealed record IssuedCertificates(IReadOnlyList<IssuedCertificate> Certificates, TimeSpan Rendering);

/// <summary>Where and when the prizes are handed over, and where QR codes point.</summary>
public sealed record Ceremony(DateOnly Date, string Place, string BaseUrl);

/// <summary>
/// Issues award certificates: one valid certificate per winning entry (a current award with a prize), numbered in
/// the year's sequence, its PDF stored with its SHA-256, its verification code signed with the server's key. A step
/// of several is rendered in parallel and committed at once; an entry that already has a valid certificate is left
/// alone (a resumed pack, a second pack, a double click).
/// </summary>
public sealed class Certificates(ContestsDbContext db, DocumentStore store, VerificationKeys keys, AuditVerifier audit, TimeProvider clock)
{
    public static string SubjectOf(int entryId) => "entry:" + entryId.ToString(CultureInfo.InvariantCulture);

    public async Task<CertificateRound> RoundAsync(int roundId, int officerUserId, CancellationToken ct)
    {
        var round = await (from r in db.Rounds.AsNoTracking()
                           join p in db.Programmes.AsNoTracking() on r.ProgrammeId equals p.Id
                           join o in db.LocalOffices.AsNoTracking() on r.LocalOfficeId equals o.Id
                           where r.Id == roundId
                           select new { r.Name, Programme = p.Name, Office = o.Name }).SingleAsync(ct);
        var president = await db.LracMembers.AsNoTracking()
            .Where(m => m.RoundId == roundId && m.Active && m.Role == LracRole.President).Select(m => m.FullName).FirstOrDefaultAsync(ct);
        var officer = await db.Users.AsNoTracking().Where(u => u.Id == officerUserId).Select(u => u.DisplayName).SingleAsync(ct);
        return new CertificateRound(roundId, round.Programme, round.Name, round.Office, president, officer);
    }

    /// <summary>The round's winners (current awards with a prize), optionally of one community, in print order.</summary>
    public async Task<IReadOnlyList<CertificateAward>> AwardsAsync(int roundId, int? communityId, CancellationToken ct)
    {
        var rows = await (from a in db.Awards.AsNoTracking()
                          join e in db.Entries.AsNoTracking() on a.EntryId equals e.Id
                          join c in db.Communities.AsNoTracking() on e.CommunityId equals c.Id into cs
                          from c in cs.DefaultIfEmpty()
                          where a.RoundId == roundId && a.Current && a.Amount > 0 && (communityId == null || e.CommunityId == communityId)
                          select new CertificateAward(a.Id, e.Id, e.Number, e.CompetitorName, e.CommunityId, c == null ? null : c.Name, e.PoolName,
                              a.Place, a.Final, a.Amount) { Household = e.HouseholdId != null }).ToListAsync(ct);
        // The register keeps "Cusi Layme, Felicitas" for sorting; a certificate reads "Felicitas Cusi Layme".
        rows = [.. rows.Select(r => r.Household ? r with { Holder = PersonName.GivenFirst(r.Holder) } : r)];
        return [.. rows.OrderBy(r => r.Community, StringComparer.Ordinal).ThenBy(r => r.Pool, StringComparer.Ordinal).ThenBy(r => r.Place).ThenBy(r => r.EntryNumber)];
    }

    /// <summary>Entries of <paramref name="entryIds"/> that already have a valid certificate.</summary>
    public async Task<HashSet<int>> CertifiedAsync(int roundId, IReadOnlyCollection<int> entryIds, CancellationToken ct) =>
        [.. await db.Documents.AsNoTracking()
            .Where(d => d.RoundId == roundId && d.Kind == DocumentKind.Certificate && d.State == DocumentState.Valid && d.EntryId != null && entryIds.Contains(d.EntryId.Value))
            .Select(d => d.EntryId!.Value).ToListAsync(ct)];

    /// <summary>
    /// Issues the certificates of <paramref name="awards"/> that have none yet, in one transaction (with whatever else
    /// the context tracks, e.g. a pack's progress). Returns the certificates it issued, in the order of
    /// <paramref name="awards"/>. <paramref name="replaces"/> maps an entry to the voided certificate a new one replaces.
    /// </summary>
    public async Task<IReadOnlyList<Certificate>> IssueAsync(CertificateRound round, IReadOnlyList<CertificateAward> awards, Ceremony ceremony, int userId,
        int? packId, CancellationToken ct, IReadOnlyDictionary<int, IssuedDocument>? replaces = null) =>
        [.. (await IssueWithFilesAsync(round, awards, ceremony, userId, packId, ct, replaces)).Certificates.Select(c => c.Certificate)];

    /// <summary>
    /// <see cref="IssueAsync"/>, also returning each certificate's file as stored (a pack writes them into its ZIP without
    /// reading them back) and how long rendering and storing the files took.
    /// </summary>
    public async Task<IssuedCertificates> IssueWithFilesAsync(CertificateRound round, IReadOnlyList<CertificateAward> awards, Ceremony ceremony, int userId,
        int? packId, CancellationToken ct, IReadOnlyDictionary<int, IssuedDocument>? replaces = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(awards);
        ArgumentNullException.ThrowIfNull(ceremony);
        var certified = await CertifiedAsync(round.RoundId, [.. awards.Select(a => a.EntryId)], ct);
        var todo = awards.Where(a => !certified.Contains(a.EntryId)).ToList();
        if (todo.Count == 0)
        {
            return new IssuedCertificates([], TimeSpan.Zero);
        }
        var key = await keys.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var year = LimaTime.FromUtc(now).Year;
        var first = await NextSequenceAsync(db, DocumentKind.Certificate, year, ct);
        var anchor = await audit.HeadAsync(ct);
        var certificates = todo.Select((award, i) =>
        {
            var (id, code) = VerificationKeys.NewCode(key);
            return (Id: id, Sequence: first + i, Certificate: new Certificate(round, award, IssuedDocument.NumberOf(DocumentKind.Certificate, year, first + i),
                code, VerifyUrlOf(ceremony.BaseUrl, code), ceremony.Date, ceremony.Place, now) { Anchor = anchor });
        }).ToList();
        // The files are drawn and written from one template on every core (CertificatePdf.RenderMany), then stored in
        // parallel: a file written one after another waited for the disk while the other core had nothing to do.
        var files = new DocumentFile[certificates.Count];
        var qrs = new QrModules[certificates.Count];
        var rendering = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, certificates.Count, i => qrs[i] = QrModules.Of(certificates[i].Certificate.VerifyUrl));
        var rendered = CertificatePdf.RenderMany([.. certificates.Select(c => c.Certificate)], qrs);
        await Parallel.ForAsync(0, certificates.Count, ct, async (i, token) => files[i] = await store.SaveAsync(rendered[i].File, token));
        rendering.Stop();
        for (var i = 0; i < certificates.Count; i++)
        {
            var (id, sequence, certificate) = certificates[i];
            var subject = new DocumentSubject(round.RoundId, SubjectOf(certificate.Award.EntryId), certificate.Award.AwardId, certificate.Award.EntryId,
                certificate.Award.CommunityId);
            db.Documents.Add(IssuedDocument.Issue(DocumentKind.Certificate, year, sequence, id, subject, "Certificado de premio", certificate.Award.Holder,
                certificate.Facts, files[i], userId, now, packId, replaces?.GetValueOrDefault(certificate.Award.EntryId)));
        }
        await db.SaveChangesAsync(ct);
        return new IssuedCertificates([.. certificates.Select((c, i) => new IssuedCertificate(c.Certificate, rendered[i].File, qrs[i]) { Page = rendered[i].Page })], rendering.Elapsed);
    }

    public static string VerifyUrlOf(string baseUrl, string code) => baseUrl.TrimEnd('/') + "/verify/" + code;

    /// <summary>The next number of a kind's sequence for a year (the unique index settles a race; callers retry).</summary>
    public static async Task<int> NextSequenceAsync(ContestsDbContext db, DocumentKind kind, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.Documents.Where(d => d.Kind == kind && d.Year == year).MaxAsync(d => (int?)d.Sequence, ct) ?? 0) + 1;
    }
}

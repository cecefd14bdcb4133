using System.Globalization;
using Contests.Core.Common;

namespace Contests.Core.Documents;

/// <summary>The documents the programme issues (docs/architecture.md#how-the-programmes-do-it).</summary>
public enum DocumentKind
{
    /// <summary>Award certificate (diploma) of a winner, with its QR code.</summary>
    Certificate,

    /// <summary>Contrato de donación con cargo of a funded organization or community.</summary>
    Contract,

    /// <summary>The acta of an LRAC session.</summary>
    Acta,

    /// <summary>The public results list of a round, pool by pool.</summary>
    ResultsList,

    /// <summary>Solicitud de desembolso: the transfer authorization of a batch for one organization.</summary>
    DisbursementRequest,

    /// <summary>Acta de liquidación: the close-out of a funded plan (accounts, refund, rating).</summary>
    ClosingActa,

    /// <summary>Adenda: an addendum to a donation contract (a longer term or another amount), numbered within its contract.</summary>
    Addendum,
}

public enum DocumentState
{
    Valid,

    /// <summary>Voided (an appeal changed the award, a mistake, a reissue): the verification page says so.</summary>
    Void,
}

/// <summary>How a fact's value is shown on the verification page.</summary>
public enum FactFormat
{
    Text,

    /// <summary>An amount in soles, stored invariant ("1250.50").</summary>
    Money,

    /// <summary>A date, stored ISO ("2026-11-23").</summary>
    Date,

    /// <summary>A number with its decimals, stored invariant ("87.50").</summary>
    Number,
}

/// <summary>
/// One key fact the verification page shows (the holder, the round, the place, the prize): what the
/// document says publicly. Never a DNI, an account or an address: the page is public.
/// </summary>
/// <param name="Label">The resource key of the fact's label, e.g. <c>Document.Fact.Holder</c>.</param>
/// <param name="Value">The value, stored culture-free (see <see cref="FactFormat"/>).</param>
/// <param name="Format">How the value is shown.</param>
public sealed record DocumentFact(string Label, string Value, FactFormat Format = FactFormat.Text)
{
    public static DocumentFact Money(string label, decimal amount) => new(label, amount.ToString("0.00", CultureInfo.InvariantCulture), FactFormat.Money);

    public static DocumentFact Date(string label, DateOnly date) => new(label, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), FactFormat.Date);

    public static DocumentFact Number(string label, decimal value) => new(label, value.ToString(CultureInfo.InvariantCulture), FactFormat.Number);
}

/// <summary>What a document is about: the round and, by kind, the award, acta or batch it is for.</summary>
/// <param name="RoundId">The round.</param>
/// <param name="Key">The subject's key within its kind ("award:12", "acta:3", "batch:5/org:7"): one valid document per kind and key.</param>
/// <param name="AwardId">A certificate's award.</param>
/// <param name="EntryId">The award's entry.</param>
/// <param name="CommunityId">The holder's community (packs per community).</param>
/// <param name="ActaId">The acta (of an acta, or of a contract's background).</param>
/// <param name="BatchId">A disbursement request's batch.</param>
public sealed record DocumentSubject(int RoundId, string Key, int? AwardId = null, int? EntryId = null, int? CommunityId = null, int? ActaId = null,
    int? BatchId = null);

/// <summary>The stored file of a document.</summary>
public sealed record DocumentFile(string Sha256, long Size);

/// <summary>
/// A document the programme issued: numbered in its kind's yearly sequence ("CER-2026-000042"), its file
/// stored with its SHA-256, its public verification code, the key facts the verification page shows, who
/// issued it and when. Never edited: a mistake or a change is corrected by voiding it (with a reason, who,
/// when) and issuing a new one that records which it replaces. At most one valid document per kind and subject.
/// </summary>
public sealed class IssuedDocument
{
    public const int TitleMaxLength = 200;
    public const int HolderMaxLength = 200;
    public const int ReasonMaxLength = 500;

    private IssuedDocument()
    {
        Number = Code = SubjectKey = Title = Holder = Sha256 = string.Empty;
        Facts = [];
    }

    public int Id { get; private set; }

    public DocumentKind Kind { get; private set; }

    public int Year { get; private set; }

    public int Sequence { get; private set; }

    /// <summary>"CER-2026-000042": the kind's prefix, the year and the sequence.</summary>
    public string Number { get; private set; }

    /// <summary>The id part of the verification code (unique; the signature is computed, not stored).</summary>
    public string Code { get; private set; }

    public int RoundId { get; private set; }

    public string SubjectKey { get; private set; }

    public int? AwardId { get; private set; }

    public int? EntryId { get; private set; }

    public int? CommunityId { get; private set; }

    public int? ActaId { get; private set; }

    public int? BatchId { get; private set; }

    /// <summary>The pack it was produced for, when it was.</summary>
    public int? PackId { get; private set; }

    public string Title { get; private set; }

    /// <summary>Who the document is for (the competitor, the organization), as printed.</summary>
    public string Holder { get; private set; }

    public IReadOnlyList<DocumentFact> Facts { get; private set; }

    public string Sha256 { get; private set; }

    public long Size { get; private set; }

    public DateTime IssuedUtc { get; private set; }

    public int? IssuedByUserId { get; private set; }

    public DocumentState State { get; private set; }

    public DateTime? VoidedUtc { get; private set; }

    public int? VoidedByUserId { get; private set; }

    public string? VoidReason { get; private set; }

    /// <summary>The earlier document this one replaces (a reissue).</summary>
    public int? ReplacesId { get; private set; }

    public bool Valid => State == DocumentState.Valid;

    /// <summary>The prefix of a kind's numbers.</summary>
    public static string PrefixOf(DocumentKind kind) => kind switch
    {
        DocumentKind.Certificate => "CER",
        DocumentKind.Contract => "CDC",
        DocumentKind.Acta => "ACT",
        DocumentKind.ResultsList => "RES",
        DocumentKind.DisbursementRequest => "SDD",
        DocumentKind.ClosingActa => "LIQ",
        DocumentKind.Addendum => "ADC",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string NumberOf(DocumentKind kind, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{PrefixOf(kind)}-{year}-{sequence:000000}");

    /// <summary>
    /// A new valid document. <paramref name="sequence"/> is the next of its kind's sequence for <paramref name="year"/>
    /// (the caller reads it in the same transaction; a unique index settles a race). The file must already be stored.
    /// </summary>
    public static IssuedDocument Issue(DocumentKind kind, int year, int sequence, string codeId, DocumentSubject subject, string title, string holder,
        IReadOnlyList<DocumentFact> facts, DocumentFile file, int? userId, DateTime nowUtc, int? packId = null, IssuedDocument? replaces = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        if (sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequences start at 1.");
        }
        if (codeId is not { Length: VerificationCode.IdLength })
        {
            throw new ArgumentException("Not a document id.", nameof(codeId));
        }
        if (file.Sha256 is not { Length: 64 } || file.Size <= 0)
        {
            throw new ArgumentException("A document needs its stored file's SHA-256 and size.", nameof(file));
        }
        if (replaces is not null && (replaces.Valid || replaces.Kind != kind || replaces.SubjectKey != subject.Key))
        {
            throw new InvalidOperationException("A reissue replaces a voided document of the same kind and subject.");
        }
        return new IssuedDocument
        {
            Kind = kind, Year = year, Sequence = sequence, Number = NumberOf(kind, year, sequence), Code = codeId,
            RoundId = subject.RoundId, SubjectKey = subject.Key, AwardId = subject.AwardId, EntryId = subject.EntryId,
            CommunityId = subject.CommunityId, ActaId = subject.ActaId, BatchId = subject.BatchId, PackId = packId,
            Title = Clip(title, TitleMaxLength), Holder = Clip(holder, HolderMaxLength), Facts = [.. facts],
            Sha256 = file.Sha256, Size = file.Size, IssuedUtc = nowUtc, IssuedByUserId = userId, State = DocumentState.Valid,
            ReplacesId = replaces?.Id,
        };
    }

    /// <summary>Voids the document with a reason: the verification page then answers "void". A void document stays void.</summary>
    public Result Void(string? reason, int? userId, DateTime nowUtc)
    {
        var errors = new List<DomainError>();
        if (!Valid)
        {
            return Result.Fail(new DomainError("Document.AlreadyVoid", null, Number));
        }
        var clean = Text.Required(reason, ReasonMaxLength, nameof(VoidReason), errors);
        if (clean is null)
        {
            return Result.Fail(errors);
        }
        State = DocumentState.Void;
        VoidReason = clean;
        VoidedUtc = nowUtc;
        VoidedByUserId = userId;
        return Result.Success();
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}

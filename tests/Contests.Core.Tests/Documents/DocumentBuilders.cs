using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Documents;

namespace Contests.Core.Tests.Documents;

/// <summary>
/// Documents and packs for the tests, made through the real <see cref="IssuedDocument.Issue"/> and
/// <see cref="DocumentPack.Request"/> and moved along by the real methods: round 12, the certificate of award 7,
/// issued by user 11; a pack of round 12 requested by user 11 for the ceremony in Huancavelica.
/// </summary>
internal static class DocumentBuilders
{
    public const int RoundId = 12;
    public const int AwardId = 7;
    public const int IssuerId = 11;
    public const int OfficerId = 12;
    public const int Year = 2026;
    public const string BaseUrl = "https://concursos.example.org";

    /// <summary>10:00 in Lima.</summary>
    public static readonly DateTime Now = new(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly Ceremony = new(2026, 11, 23);

    /// <summary>A 32-byte key (the minimum), bytes 1..32.</summary>
    public static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    /// <summary>Another 32-byte key, bytes 101..132.</summary>
    public static readonly byte[] OtherKey = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    /// <summary>The id of the bytes 0..9.</summary>
    public static readonly string CodeId = VerificationCode.NewId([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    public static readonly string Sha = new('a', 64);

    public static DocumentSubject Subject(string key = "award:7", int roundId = RoundId) => new(roundId, key, AwardId: AwardId, EntryId: 107, CommunityId: 3);

    public static DocumentFile File(string? sha = null, long size = 12_345) => new(sha ?? Sha, size);

    public static IReadOnlyList<DocumentFact> Facts() =>
    [
        new("Document.Fact.Holder", "María Quispe Ñaupari"),
        DocumentFact.Money("Document.Fact.Prize", 1250.5m),
        DocumentFact.Date("Document.Fact.Date", Ceremony),
    ];

    public static IssuedDocument Issue(DocumentKind kind = DocumentKind.Certificate, int sequence = 42, string? codeId = null, DocumentSubject? subject = null,
        string title = "Certificado de ganador", string holder = "María Quispe Ñaupari", IReadOnlyList<DocumentFact>? facts = null,
        DocumentFile? file = null, int? userId = IssuerId, int? packId = null, IssuedDocument? replaces = null) =>
        IssuedDocument.Issue(kind, Year, sequence, codeId ?? CodeId, subject ?? Subject(), title, holder, facts ?? Facts(), file ?? File(), userId, Now,
            packId, replaces);

    /// <summary>A voided document with the database id <paramref name="id"/> (set as the store would).</summary>
    public static IssuedDocument Voided(int id = 5, DocumentKind kind = DocumentKind.Certificate, string subjectKey = "award:7")
    {
        var document = Issue(kind, sequence: 1, subject: Subject(subjectKey));
        typeof(IssuedDocument).GetProperty(nameof(IssuedDocument.Id))!.SetValue(document, id);
        Succeeds(document.Void("El recurso cambió el premio", OfficerId, Now));
        return document;
    }

    public static DocumentPack Queued(int? communityId = null, string baseUrl = BaseUrl)
    {
        var errors = new List<DomainError>();
        var pack = DocumentPack.Request(RoundId, communityId, Ceremony, "Plaza de Armas, Huancavelica", baseUrl, IssuerId, Now, errors);
        Assert.Empty(errors);
        return pack!;
    }

    public static DocumentPack Running(int total = 40)
    {
        var pack = Queued();
        Assert.True(pack.Start(total, Now.AddMinutes(1)));
        return pack;
    }

    public static DocumentPack Completed(int total = 40)
    {
        var pack = Running(total);
        pack.Complete(new DocumentFile(new string('b', 64), 2_000_000), new DocumentFile(new string('c', 64), 1_500_000), Now.AddMinutes(5));
        return pack;
    }

    public static DocumentPack Cancelled()
    {
        var pack = Running();
        Succeeds(pack.Cancel(OfficerId, Now.AddMinutes(2)));
        return pack;
    }

    public static DocumentPack Failed()
    {
        var pack = Running();
        pack.Progress(10);
        pack.Fail("The PDF engine stopped.");
        return pack;
    }

    /// <summary>A pack in <paramref name="state"/>, reached through the real methods.</summary>
    public static DocumentPack InState(PackState state) => state switch
    {
        PackState.Queued => Queued(),
        PackState.Running => Running(),
        PackState.Completed => Completed(),
        PackState.Cancelled => Cancelled(),
        PackState.Failed => Failed(),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static void Succeeds(Result result) =>
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));

    public static string[] Codes(Result result) => [.. result.Errors.Select(e => e.Code)];
}

/// <summary>Sets <see cref="CultureInfo.CurrentCulture"/> for a test and puts the previous one back when disposed.</summary>
internal sealed class CurrentCulture : IDisposable
{
    private readonly CultureInfo _previous;

    private CurrentCulture(string name)
    {
        _previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(name);
    }

    public static CurrentCulture Set(string name) => new(name);

    public void Dispose() => CultureInfo.CurrentCulture = _previous;
}

using Contests.Core.Common;

namespace Contests.Core.Documents;

public enum PackState
{
    /// <summary>Requested, waiting for the background worker.</summary>
    Queued,

    Running,

    /// <summary>Every document made and the printable PDF and the ZIP stored.</summary>
    Completed,

    Cancelled,

    /// <summary>Stopped by an error (shown); resuming goes on from where it stopped.</summary>
    Failed,
}

/// <summary>
/// A bulk pack of certificates — every winner of a round, or of one community in it — made in the background:
/// the certificates are issued in small steps, each step committed with the pack's progress, so a restart or a
/// resume goes on from the last step and a cancel stops at the next one. Completed, it holds one printable PDF
/// (every certificate, in order) and a ZIP of the single files, both stored with their SHA-256.
/// </summary>
public sealed class DocumentPack
{
    public const int PlaceMaxLength = 160;
    public const int ErrorMaxLength = 2000;

    private DocumentPack()
    {
        CeremonyPlace = BaseUrl = string.Empty;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    /// <summary>Only this community's winners; null for the whole round.</summary>
    public int? CommunityId { get; private set; }

    public DateOnly CeremonyDate { get; private set; }

    public string CeremonyPlace { get; private set; }

    /// <summary>The site's address the QR codes point to ("https://concursos.example.org").</summary>
    public string BaseUrl { get; private set; }

    public PackState State { get; private set; }

    /// <summary>How many certificates the pack holds (counted when it starts).</summary>
    public int Total { get; private set; }

    public int Done { get; private set; }

    public int RequestedByUserId { get; private set; }

    public DateTime RequestedUtc { get; private set; }

    public DateTime? StartedUtc { get; private set; }

    public DateTime? FinishedUtc { get; private set; }

    public int? CancelledByUserId { get; private set; }

    public string? Error { get; private set; }

    public string? PdfSha256 { get; private set; }

    public long? PdfSize { get; private set; }

    public string? ZipSha256 { get; private set; }

    public long? ZipSize { get; private set; }

    public int Revision { get; private set; }

    public bool Finished => State is PackState.Completed or PackState.Cancelled;

    /// <summary>Whole per cent done, 100 only when completed (the files are the last step).</summary>
    public int Percent => State == PackState.Completed ? 100
        : Total == 0 ? 0
        : Math.Min(99, (int)(100L * Done / Total));

    public static DocumentPack? Request(int roundId, int? communityId, DateOnly ceremonyDate, string? ceremonyPlace, string baseUrl, int userId,
        DateTime nowUtc, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseUrl);
        var place = Text.Name(ceremonyPlace, PlaceMaxLength, nameof(CeremonyPlace), required: true, errors);
        if (place is null)
        {
            return null;
        }
        return new DocumentPack
        {
            RoundId = roundId, CommunityId = communityId, CeremonyDate = ceremonyDate, CeremonyPlace = place, BaseUrl = baseUrl.TrimEnd('/'),
            State = PackState.Queued, RequestedByUserId = userId, RequestedUtc = nowUtc,
        };
    }

    /// <summary>The worker takes the pack (again, after a restart or a resume): false when there is nothing to do.</summary>
    public bool Start(int total, DateTime nowUtc)
    {
        if (State is not (PackState.Queued or PackState.Running))
        {
            return false;
        }
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        State = PackState.Running;
        Total = total;
        StartedUtc ??= nowUtc;
        Error = null;
        Revision++;
        return true;
    }

    /// <summary>A step committed: <paramref name="done"/> certificates of the pack exist.</summary>
    public void Progress(int done)
    {
        if (State != PackState.Running)
        {
            throw new InvalidOperationException($"A {State} pack makes no progress.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(done);
        Done = Math.Min(done, Total);
        Revision++;
    }

    public void Complete(DocumentFile pdf, DocumentFile zip, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(zip);
        if (State != PackState.Running)
        {
            throw new InvalidOperationException($"A {State} pack can't complete.");
        }
        State = PackState.Completed;
        Done = Total;
        PdfSha256 = pdf.Sha256;
        PdfSize = pdf.Size;
        ZipSha256 = zip.Sha256;
        ZipSize = zip.Size;
        FinishedUtc = nowUtc;
        Revision++;
    }

    /// <summary>Stops a queued, running or failed pack; the certificates already issued stay issued.</summary>
    public Result Cancel(int userId, DateTime nowUtc)
    {
        if (Finished)
        {
            return Result.Fail(new DomainError("Pack.Finished"));
        }
        State = PackState.Cancelled;
        CancelledByUserId = userId;
        FinishedUtc = nowUtc;
        Revision++;
        return Result.Success();
    }

    /// <summary>Records what stopped the worker; the pack waits for a person to resume it.</summary>
    public void Fail(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        if (State is not (PackState.Queued or PackState.Running))
        {
            throw new InvalidOperationException($"A {State} pack can't fail.");
        }
        State = PackState.Failed;
        Error = error.Length <= ErrorMaxLength ? error : error[..ErrorMaxLength];
        Revision++;
    }

    /// <summary>Queues a failed pack again: it goes on from the certificates already issued.</summary>
    public Result Resume()
    {
        if (State != PackState.Failed)
        {
            return Result.Fail(new DomainError("Pack.NotFailed"));
        }
        State = PackState.Queued;
        Revision++;
        return Result.Success();
    }
}

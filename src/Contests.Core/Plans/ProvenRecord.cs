using Contests.Core.Common;
using Contests.Core.Payouts;

namespace Contests.Core.Plans;

/// <summary>
/// A record of a funded plan that a file proves — a receipt (the voucher's photo or PDF) or a counterpart deposit (the bank
/// statement): the file's columns and the one rule for attaching or replacing it.
/// </summary>
public abstract class ProvenRecord
{
    /// <summary>The name of the attached file as uploaded (null: none attached yet).</summary>
    public string? FileName { get; protected set; }

    public string? FileContentType { get; protected set; }

    public long? FileSize { get; protected set; }

    /// <summary>The file's SHA-256, by which the file store keeps it.</summary>
    public string? FileSha256 { get; protected set; }

    public int? FileUploadedByUserId { get; protected set; }

    public DateTime? FileUploadedUtc { get; protected set; }

    /// <summary>The attached file, when there is one.</summary>
    public ProofFile? File => FileSha256 is null
        ? null
        : new ProofFile(FileName!, FileContentType!, FileSize!.Value, FileSha256, FileUploadedByUserId!.Value, FileUploadedUtc!.Value);

    /// <summary>Whether the record is already stored (a new one, being recorded now, takes its file freely).</summary>
    protected abstract bool Stored { get; }

    /// <summary>When the record was made (what <see cref="ProofFile.CheckChange"/> weighs the tranches against).</summary>
    protected abstract DateTime MadeUtc { get; }

    /// <summary>
    /// Attaches <paramref name="file"/> (or replaces the one attached): always on a record being made now; on one already
    /// stored only while <see cref="ProofFile.CheckChange"/> allows it.
    /// </summary>
    public Result AttachFile(ProofFile file, IEnumerable<Payout> tranches, PlanCloseOut? closeOut)
    {
        ArgumentNullException.ThrowIfNull(file);
        var check = Stored ? ProofFile.CheckChange(MadeUtc, tranches, closeOut) : Result.Success();
        if (check.Succeeded)
        {
            (FileName, FileContentType, FileSize, FileSha256, FileUploadedByUserId, FileUploadedUtc) =
                (file.FileName, file.ContentType, file.Size, file.Sha256, file.UploadedByUserId, file.UploadedUtc);
        }
        return check;
    }
}

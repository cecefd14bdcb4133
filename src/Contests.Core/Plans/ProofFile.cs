using Contests.Core.Common;
using Contests.Core.Payouts;

namespace Contests.Core.Plans;

/// <summary>
/// The file that proves a receipt (the voucher's photo or PDF) or a counterpart deposit (the bank statement): checked by
/// its content like a report's attachments (<see cref="AttachmentCheck"/>), named as it came, stored by its SHA-256.
/// </summary>
public sealed record ProofFile(string FileName, string ContentType, long Size, string Sha256, int UploadedByUserId, DateTime UploadedUtc)
{
    public const int FileNameMaxLength = ReportAttachment.FileNameMaxLength;

    /// <summary>The proof of <paramref name="file"/>, uploaded by <paramref name="userId"/> at <paramref name="nowUtc"/>.</summary>
    public static ProofFile Of(AttachmentFile file, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new ProofFile(AttachmentFile.CleanName(file.FileName, file.Type), file.Type.ContentType, file.Size, file.Sha256, userId, nowUtc);
    }

    /// <summary>
    /// Whether the proof of a record made at <paramref name="recordedUtc"/> may still be attached or replaced: not once the
    /// plan is closed out, nor once a later tranche was approved (or paid) on records that included it — finance's approval
    /// read the accounting and the deposits as they stood, and what it rests on stays as it was.
    /// </summary>
    public static Result CheckChange(DateTime recordedUtc, IEnumerable<Payout> tranches, PlanCloseOut? closeOut)
    {
        ArgumentNullException.ThrowIfNull(tranches);
        if (PlanCloseOut.Refuses(closeOut) is { Succeeded: false } closed)
        {
            return closed;
        }
        var settled = tranches.Where(t => t.Tranche > 1 && t.State != PayoutState.Pending && t.ApprovedUtc >= recordedUtc).MinBy(t => t.Tranche);
        return settled is null ? Result.Success() : Result.Fail(new DomainError("Proof.Settled", "File", settled.Tranche));
    }
}

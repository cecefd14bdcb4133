using Contests.Core.Common;
using Contests.Core.Plans;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Plans;

/// <summary>The file chosen to prove a receipt or a deposit already recorded.</summary>
public sealed class ProofForm
{
    public IFormFile? File { get; set; }
}

/// <summary>What a receipt's or a deposit's file may be about.</summary>
public enum ProofOf
{
    Receipt,
    Deposit,
}

/// <summary>
/// The files that prove a plan's receipts (the voucher's photo or PDF) and counterpart deposits (the bank statement): read
/// and checked as a report's attachments are (<see cref="ReportAttachments.ReadAsync"/>), kept in the same file store by
/// their SHA-256, attached with the record or later, replaced until a later tranche is approved on it
/// (<see cref="ProofFile.CheckChange"/>), downloaded by those who read the plan. The audit keeps who attached which file, and when.
/// </summary>
public sealed class ProofFiles(ContestsDbContext db, ReportAttachments attachments, FileStore files, TimeProvider clock, ILogger<ProofFiles> logger)
{
    /// <summary>One file and the fields of its form: the most a receipt's or deposit's form carries.</summary>
    public const long MaxUploadBytes = AttachmentCheck.MaxBytes + (1024 * 1024);

    /// <summary>The upload checked by its content (null when none was chosen or it was refused, with the refusal at <paramref name="field"/>).</summary>
    public async Task<(AttachmentFile File, byte[] Data)?> ReadAsync(IFormFile? upload, string field, List<DomainError> errors, CancellationToken ct)
    {
        if (upload is null)
        {
            return null;
        }
        var read = await attachments.ReadAsync([upload], field, errors, ct);
        return read.Count == 1 ? read[0] : null;
    }

    /// <summary>Stores the file (before any row points at it) and returns the proof to record.</summary>
    public async Task<ProofFile> StoreAsync((AttachmentFile File, byte[] Data) read, int userId, CancellationToken ct)
    {
        await files.SaveAsync(read.File.Sha256, read.File.Type.Extension, read.Data, ct);
        return ProofFile.Of(read.File, userId, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Attaches (or replaces) the file of one of the plan's receipts or deposits; one of another plan is not found.</summary>
    public async Task<Result> AttachAsync(PlanPage page, ProofOf of, int id, ProofForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(form);
        var receipt = of == ProofOf.Receipt ? await db.PlanReceipts.FirstOrDefaultAsync(r => r.Id == id && r.EntryId == page.Entry.Id, ct) : null;
        var deposit = of == ProofOf.Deposit ? await db.CounterpartDeposits.FirstOrDefaultAsync(d => d.Id == id && d.EntryId == page.Entry.Id, ct) : null;
        if (receipt is null && deposit is null)
        {
            return Result.Fail(new DomainError("Report.NotFound"));
        }
        var check = ProofFile.CheckChange(receipt?.RecordedUtc ?? deposit!.RecordedUtc, page.Tranches, page.CloseOut);
        if (!check.Succeeded)
        {
            return check;
        }
        var errors = new List<DomainError>();
        var read = await ReadAsync(form.File, nameof(form.File), errors, ct);
        if (read is null)
        {
            return Result.Fail(errors.Count > 0 ? errors[0] : new DomainError("Attachment.Missing", nameof(form.File)));
        }
        var proof = await StoreAsync(read.Value, userId, ct);
        var result = receipt is not null ? receipt.AttachFile(proof, page.Tranches, page.CloseOut) : deposit!.AttachFile(proof, page.Tranches, page.CloseOut);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>The file of one of the plan's receipts or deposits and its bytes (null when missing in the store); null when it has none.</summary>
    public async Task<(ProofFile Proof, byte[]? Data)?> FileAsync(PlanPage page, ProofOf of, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        var proof = of == ProofOf.Receipt
            ? page.Receipts.FirstOrDefault(r => r.Id == id)?.File
            : page.Deposits.FirstOrDefault(d => d.Id == id)?.File;
        if (proof is null)
        {
            return null;
        }
        var data = await files.ReadAsync(proof.Sha256, AttachmentCheck.ExtensionOf(proof.ContentType), ct);
        if (data is null)
        {
            logger.LogError("The file of {Of} {Id} is missing in the store or does not match its SHA-256 {Sha}.", of, id, proof.Sha256);
        }
        return (proof, data);
    }
}

/// <summary>A receipt's or deposit's file on the plan's page: its link, and the form to attach or replace it when <see cref="Changeable"/>.</summary>
public sealed record ProofRow(PlanPage Page, ProofOf Of, int Id, ProofFile? File, bool Changeable, (ProofOf Of, int Id)? Failed)
{
    /// <summary>The route's segment: <c>receipts</c> or <c>deposits</c>.</summary>
    public string Kind => Of == ProofOf.Receipt ? "receipts" : "deposits";

    public string Path => $"/rounds/{Page.Round.Id}/plans/{Page.Entry.Id}/{Kind}/{Id}/file";

    /// <summary>"receipt-12", "deposit-3": the ids of the row's link and form.</summary>
    public string Key => $"{(Of == ProofOf.Receipt ? "receipt" : "deposit")}-{Id}";

    public bool HasFailed => Failed == (Of, Id);
}

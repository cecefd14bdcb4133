using Contests.Core.Common;
using Contests.Core.Payouts;

namespace Contests.Core.Plans;

/// <summary>
/// The organization's counterpart deposited into the plan's account, proven by the bank's operation number (and its
/// statement, attached). A later tranche needs one.
/// </summary>
public sealed class CounterpartDeposit
{
    public const int ReferenceMaxLength = 60;

    private CounterpartDeposit()
    {
        BankReference = string.Empty;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public int EntryId { get; private set; }

    public DateOnly DepositedOn { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The bank's operation number as the statement shows it.</summary>
    public string BankReference { get; private set; }

    public int RecordedByUserId { get; private set; }

    public DateTime RecordedUtc { get; private set; }

    /// <summary>The name of the attached bank statement (PDF or photo) as uploaded (null: none attached yet).</summary>
    public string? FileName { get; private set; }

    public string? FileContentType { get; private set; }

    public long? FileSize { get; private set; }

    /// <summary>The file's SHA-256, by which the file store keeps it.</summary>
    public string? FileSha256 { get; private set; }

    public int? FileUploadedByUserId { get; private set; }

    public DateTime? FileUploadedUtc { get; private set; }

    /// <summary>The bank statement (PDF or photo), when one is attached.</summary>
    public ProofFile? File => FileSha256 is null
        ? null
        : new ProofFile(FileName!, FileContentType!, FileSize!.Value, FileSha256, FileUploadedByUserId!.Value, FileUploadedUtc!.Value);

    /// <summary>
    /// Attaches <paramref name="file"/> (or replaces the one attached): always on a deposit being recorded now; on one already
    /// recorded only while <see cref="ProofFile.CheckChange"/> allows it.
    /// </summary>
    public Result AttachFile(ProofFile file, IEnumerable<Payout> tranches, PlanCloseOut? closeOut)
    {
        ArgumentNullException.ThrowIfNull(file);
        var check = Id == 0 ? Result.Success() : ProofFile.CheckChange(RecordedUtc, tranches, closeOut);
        if (check.Succeeded)
        {
            (FileName, FileContentType, FileSize, FileSha256, FileUploadedByUserId, FileUploadedUtc) =
                (file.FileName, file.ContentType, file.Size, file.Sha256, file.UploadedByUserId, file.UploadedUtc);
        }
        return check;
    }

    /// <summary>The deposit, or null with every reason (fields <c>DepositedOn</c>, <c>Amount</c>, <c>BankReference</c>).</summary>
    public static CounterpartDeposit? Record(int roundId, int entryId, DateOnly? depositedOn, decimal? amount, string? bankReference, DateOnly today,
        int userId, DateTime nowUtc, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (depositedOn is null)
        {
            errors.Add(new DomainError("Validation.Required", "DepositedOn", new FieldLabel("DepositedOn")));
        }
        else if (depositedOn > today)
        {
            errors.Add(new DomainError("Receipt.InFuture", "DepositedOn"));
        }
        if (amount is null)
        {
            errors.Add(new DomainError("Validation.Required", "Amount", new FieldLabel("Amount")));
        }
        else if (amount <= 0 || amount > Money.MaxAmount)
        {
            errors.Add(new DomainError("Receipt.AmountPositive", "Amount"));
        }
        else if (decimal.Round(amount.Value, 2) != amount.Value)
        {
            errors.Add(new DomainError("Money.TwoDecimals", "Amount"));
        }
        var reference = Text.Required(bankReference, ReferenceMaxLength, "BankReference", errors);
        if (errors.Count > before)
        {
            return null;
        }
        return new CounterpartDeposit
        {
            RoundId = roundId, EntryId = entryId, DepositedOn = depositedOn!.Value, Amount = amount!.Value, BankReference = reference!,
            RecordedByUserId = userId, RecordedUtc = nowUtc,
        };
    }
}

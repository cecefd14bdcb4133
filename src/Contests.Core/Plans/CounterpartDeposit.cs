using Contests.Core.Common;

namespace Contests.Core.Plans;

/// <summary>
/// The organization's counterpart deposited into the plan's account, proven by the bank's operation number (and its
/// statement, attached). A later tranche needs one.
/// </summary>
public sealed class CounterpartDeposit : ProvenRecord
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

    protected override bool Stored => Id != 0;

    protected override DateTime MadeUtc => RecordedUtc;

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

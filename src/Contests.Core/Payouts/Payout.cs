using System.Globalization;
using Contests.Core.Common;

namespace Contests.Core.Payouts;

/// <summary>How the money reaches the winner.</summary>
public enum PayoutMethod
{
    /// <summary>Transfer to the winner's verified bank account (in a batch's bank file).</summary>
    BankTransfer,

    /// <summary>Deposit to the winner's verified savings account (in a batch's bank file too).</summary>
    SavingsDeposit,

    /// <summary>Cash at the award ceremony, paid against a signed or thumb-printed receipt recorded afterwards.</summary>
    Cash,
}

/// <summary>
/// <c>Pending → Approved → Scheduled → Sent → Paid | Failed → Reissued</c>; cash goes
/// <c>Approved → Paid</c> when its receipt is recorded.
/// </summary>
public enum PayoutState
{
    Pending,
    Approved,
    Scheduled,
    Sent,
    Paid,
    Failed,

    /// <summary>Failed and replaced by a new payout (kept, linked, closed).</summary>
    Reissued,
}

/// <summary>What a plan's later tranche needs before it may be approved (each recorded with who and when).</summary>
public enum TrancheConditionKind
{
    CounterpartDeposited,
    ProgressApproved,
    PreviousAccounted,
}

/// <summary>
/// The account the money goes to, as checked when the payout is approved (the bank file uses exactly this,
/// even if the registry's account changes later).
/// </summary>
public sealed record PayoutAccount(int BankAccountId, string BankName, string AccountNumber, string Cci, string HolderName, bool Verified, bool Active);

/// <summary>
/// Money moving to one winner: one award, or one tranche of a plan's grant. It carries a unique end-to-end id
/// (≤ 35 characters, the same across retries; the bank echoes it in its answer) and the split of its amount by
/// funding source. A finance officer approves it, never the person who created it.
/// </summary>
public sealed class Payout
{
    public const int EndToEndIdMaxLength = 35;
    public const int ReasonMaxLength = 300;
    public const int ReferenceMaxLength = 60;
    public const int NameMaxLength = 160;

    /// <summary>A later tranche needs at least this share of the previous one accounted for.</summary>
    public const decimal AccountedMinPercent = 70m;

    /// <summary>What must be accounted for of a tranche of <paramref name="previous"/>: <see cref="AccountedMinPercent"/> % of it, to the céntimo.</summary>
    public static decimal AccountedNeeded(decimal previous) =>
        decimal.Round(previous * AccountedMinPercent / 100m, 2, MidpointRounding.AwayFromZero);

    private readonly List<PayoutShare> _shares = [];
    private readonly List<TrancheCondition> _conditions = [];

    private Payout()
    {
        EndToEndId = BeneficiaryName = string.Empty;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public int AwardId { get; private set; }

    public int EntryId { get; private set; }

    public int EntryNumber { get; private set; }

    public string BeneficiaryName { get; private set; }

    /// <summary>1 for an award paid at once or a plan's first tranche; 2 … for later tranches.</summary>
    public int Tranche { get; private set; }

    public int TrancheCount { get; private set; }

    /// <summary>1 for the first payout of this award and tranche; a reissue is the next version.</summary>
    public int Version { get; private set; }

    public string EndToEndId { get; private set; }

    public decimal Amount { get; private set; }

    public PayoutMethod Method { get; private set; }

    public PayoutState State { get; private set; }

    public int CreatedByUserId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public int? ApprovedByUserId { get; private set; }

    public DateTime? ApprovedUtc { get; private set; }

    public int? BankAccountId { get; private set; }

    public string? BankName { get; private set; }

    public string? AccountNumber { get; private set; }

    public string? Cci { get; private set; }

    /// <summary>The name the bank has on the account: the creditor in the bank file.</summary>
    public string? CreditorName { get; private set; }

    public int? BatchId { get; private set; }

    public DateTime? SentUtc { get; private set; }

    /// <summary>The day the bank (or the ceremony) paid.</summary>
    public DateOnly? PaidOn { get; private set; }

    public DateTime? PaidRecordedUtc { get; private set; }

    /// <summary>The bank's reference, or the cash receipt's number.</summary>
    public string? Reference { get; private set; }

    /// <summary>Cash: who signed or thumb-printed the receipt.</summary>
    public string? ReceivedBy { get; private set; }

    public bool? ThumbPrinted { get; private set; }

    public int? PaidRecordedByUserId { get; private set; }

    public string? FailureReason { get; private set; }

    public DateTime? FailedUtc { get; private set; }

    public int? ReissueOfId { get; private set; }

    public int Revision { get; private set; }

    public IReadOnlyCollection<PayoutShare> Shares => _shares.AsReadOnly();

    public IReadOnlyCollection<TrancheCondition> Conditions => _conditions.AsReadOnly();

    public bool NeedsAccount => Method != PayoutMethod.Cash;

    /// <summary>Not finished: money still to move (counts against closing the round).</summary>
    public bool IsOutstanding => State is not (PayoutState.Paid or PayoutState.Reissued);

    /// <summary>"R12E7T1V1": round, entry number, tranche and version — unique, and the same on every retry.</summary>
    public static string EndToEndIdOf(int roundId, int entryNumber, int tranche, int version)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"R{roundId}E{entryNumber}T{tranche}V{version}");
        return id.Length <= EndToEndIdMaxLength ? id : throw new ArgumentOutOfRangeException(nameof(roundId), id, "End-to-end id too long.");
    }

    internal static Payout Create(PayoutDraft draft, int userId, DateTime nowUtc)
    {
        var payout = new Payout
        {
            RoundId = draft.RoundId,
            AwardId = draft.AwardId,
            EntryId = draft.EntryId,
            EntryNumber = draft.EntryNumber,
            BeneficiaryName = draft.BeneficiaryName,
            Tranche = draft.Tranche,
            TrancheCount = draft.TrancheCount,
            Version = 1,
            EndToEndId = EndToEndIdOf(draft.RoundId, draft.EntryNumber, draft.Tranche, 1),
            Amount = draft.Amount,
            Method = draft.Method,
            State = PayoutState.Pending,
            CreatedByUserId = userId,
            CreatedUtc = nowUtc,
        };
        payout._shares.AddRange(draft.Shares.Select(s => new PayoutShare(s.FundingSourceId, s.Amount)));
        return payout;
    }

    /// <summary>While pending, the officer chooses how it is paid.</summary>
    public Result ChangeMethod(PayoutMethod method)
    {
        if (State != PayoutState.Pending)
        {
            return Result.Fail(new DomainError("Payout.NotPending", null, EndToEndId));
        }
        Method = method;
        Revision++;
        return Result.Success();
    }

    /// <summary>
    /// A finance officer approves: never the payout's creator; to a bank only into an active, verified
    /// account (whose details are kept on the payout); a later tranche only once the earlier one is paid and
    /// every condition is recorded. Every reason at once.
    /// </summary>
    public Result Approve(int userId, PayoutAccount? account, Payout? previousTranche, DateTime nowUtc) =>
        Approve(userId, account, previousTranche, null, nowUtc);

    /// <summary>
    /// As above; for a funded plan the later tranche's conditions are those its records meet
    /// (<paramref name="conditionsMet"/>, derived from receipts, deposits and reports), not the ones ticked on the payout.
    /// </summary>
    public Result Approve(int userId, PayoutAccount? account, Payout? previousTranche, IReadOnlyCollection<TrancheConditionKind>? conditionsMet,
        DateTime nowUtc)
    {
        CheckPrevious(previousTranche);
        var errors = new List<DomainError>();
        if (State != PayoutState.Pending)
        {
            return Result.Fail(new DomainError("Payout.NotPending", null, EndToEndId));
        }
        if (userId == CreatedByUserId)
        {
            errors.Add(new DomainError("Payout.FourEyes", null, EndToEndId));
        }
        // Said to a person: "María Quispe Ñaupari", not the register's "Quispe Ñaupari, María".
        var beneficiary = PersonName.GivenFirst(BeneficiaryName);
        if (NeedsAccount)
        {
            if (account is null)
            {
                errors.Add(new DomainError("Payout.NoAccount", null, beneficiary));
            }
            else if (!account.Active)
            {
                errors.Add(new DomainError("Payout.AccountInactive", null, beneficiary, account.Cci));
            }
            else if (!account.Verified)
            {
                errors.Add(new DomainError("Payout.AccountNotVerified", null, beneficiary, account.Cci));
            }
            else if (!new[] { account.HolderName, account.BankName, account.AccountNumber, account.Cci, BeneficiaryName }.All(InputText.IsXmlPrintable))
            {
                // Refused here, one payout at a time: written into the batch's XML file it would stop every payout of the batch.
                errors.Add(new DomainError("Payout.Unprintable", null, beneficiary, account.Cci));
            }
        }
        if (Tranche > 1)
        {
            if (previousTranche is null || previousTranche.State != PayoutState.Paid)
            {
                errors.Add(new DomainError("Payout.PreviousTrancheNotPaid", null, beneficiary, Tranche - 1));
            }
            errors.AddRange(Enum.GetValues<TrancheConditionKind>()
                .Where(k => conditionsMet is null ? !_conditions.Exists(c => c.Kind == k) : !conditionsMet.Contains(k))
                .Select(k => new DomainError("Payout.ConditionMissing", null, EndToEndId, k)));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        if (NeedsAccount)
        {
            BankAccountId = account!.BankAccountId;
            BankName = account.BankName;
            AccountNumber = account.AccountNumber;
            Cci = account.Cci;
            CreditorName = account.HolderName;
        }
        State = PayoutState.Approved;
        Revision++;
        ApprovedByUserId = userId;
        ApprovedUtc = nowUtc;
        return Result.Success();
    }

    /// <summary>
    /// Records a condition of a later tranche (who and when; an accounting with the amount accounted for, at
    /// least <see cref="AccountedMinPercent"/> % of the previous tranche). Recorded once each.
    /// </summary>
    public Result RecordCondition(TrancheConditionKind kind, string? note, decimal? accounted, Payout? previousTranche, int userId, DateTime nowUtc)
    {
        CheckPrevious(previousTranche);
        if (Tranche == 1)
        {
            return Result.Fail(new DomainError("Payout.NoConditions", null, EndToEndId));
        }
        if (State != PayoutState.Pending)
        {
            return Result.Fail(new DomainError("Payout.NotPending", null, EndToEndId));
        }
        if (_conditions.Exists(c => c.Kind == kind))
        {
            return Result.Fail(new DomainError("Payout.ConditionRecorded", null, kind));
        }
        var cleanNote = Text.Clean(note);
        if (cleanNote is { Length: > ReasonMaxLength })
        {
            return Result.Fail(new DomainError("Validation.MaxLength", "Note", new FieldLabel("Note"), ReasonMaxLength));
        }
        if (kind == TrancheConditionKind.PreviousAccounted)
        {
            if (accounted is null or <= 0)
            {
                return Result.Fail(new DomainError("Payout.AccountedRequired", "Accounted"));
            }
            if (previousTranche is null)
            {
                // Nothing to account for yet: the earlier tranche hasn't been paid out.
                return Result.Fail(new DomainError("Payout.PreviousTrancheNotPaid", "Accounted", BeneficiaryName, Tranche - 1));
            }
            var previous = previousTranche.Amount;
            var needed = AccountedNeeded(previous);
            if (accounted < needed)
            {
                return Result.Fail(new DomainError("Payout.AccountedTooLow", "Accounted", needed, (int)AccountedMinPercent, previous));
            }
        }
        _conditions.Add(new TrancheCondition(kind, cleanNote, kind == TrancheConditionKind.PreviousAccounted ? accounted : null, userId, nowUtc));
        Revision++;
        return Result.Success();
    }

    /// <summary>Into a batch (bank transfers and deposits only, once approved).</summary>
    public Result Schedule(int batchId)
    {
        if (State != PayoutState.Approved)
        {
            return Result.Fail(new DomainError("Payout.NotApproved", null, EndToEndId));
        }
        if (!NeedsAccount)
        {
            return Result.Fail(new DomainError("Payout.CashNotInBatch", null, EndToEndId));
        }
        State = PayoutState.Scheduled;
        Revision++;
        BatchId = batchId;
        return Result.Success();
    }

    /// <summary>Back out of a batch that never ran (the batch was cancelled).</summary>
    public void Unschedule()
    {
        if (State != PayoutState.Scheduled)
        {
            throw new InvalidOperationException($"Payout {EndToEndId} is {State}, not scheduled.");
        }
        State = PayoutState.Approved;
        Revision++;
        BatchId = null;
    }

    /// <summary>The batch's bank file holds it. Only from Scheduled, so a second execution changes nothing.</summary>
    public void MarkSent(int batchId, DateTime nowUtc)
    {
        if (State != PayoutState.Scheduled || BatchId != batchId)
        {
            throw new InvalidOperationException($"Payout {EndToEndId} is {State} in batch {BatchId}, not scheduled in {batchId}.");
        }
        State = PayoutState.Sent;
        Revision++;
        SentUtc = nowUtc;
    }

    /// <summary>The bank says it paid (reconciliation).</summary>
    public Result MarkPaid(DateOnly paidOn, string? reference, int? userId, DateTime nowUtc)
    {
        if (State != PayoutState.Sent)
        {
            return Result.Fail(new DomainError("Payout.NotSent", null, EndToEndId, State));
        }
        State = PayoutState.Paid;
        Revision++;
        PaidOn = paidOn;
        Reference = Truncate(Text.Clean(reference), ReferenceMaxLength);
        PaidRecordedByUserId = userId;
        PaidRecordedUtc = nowUtc;
        return Result.Success();
    }

    /// <summary>The bank says it could not pay, and why (reconciliation).</summary>
    public Result MarkFailed(string? reason, string? reference, DateTime nowUtc)
    {
        if (State != PayoutState.Sent)
        {
            return Result.Fail(new DomainError("Payout.NotSent", null, EndToEndId, State));
        }
        var cleanReason = Text.Clean(reason);
        State = PayoutState.Failed;
        Revision++;
        FailureReason = Truncate(cleanReason, ReasonMaxLength) ?? "—";
        Reference = Truncate(Text.Clean(reference), ReferenceMaxLength);
        FailedUtc = nowUtc;
        return Result.Success();
    }

    /// <summary>Cash at the ceremony: the receipt (its number, who signed or thumb-printed it, the day) makes it paid.</summary>
    public Result RecordCashReceipt(string? receiptNumber, string? receivedBy, bool thumbPrinted, DateOnly paidOn, DateOnly today, int userId, DateTime nowUtc)
    {
        var errors = new List<DomainError>();
        if (Method != PayoutMethod.Cash)
        {
            return Result.Fail(new DomainError("Payout.NotCash", null, EndToEndId));
        }
        if (State != PayoutState.Approved)
        {
            return Result.Fail(new DomainError("Payout.NotApproved", null, EndToEndId));
        }
        var number = Text.Required(receiptNumber, ReferenceMaxLength, "ReceiptNumber", errors);
        var who = Text.Name(receivedBy, NameMaxLength, "ReceivedBy", required: true, errors);
        if (paidOn > today)
        {
            errors.Add(new DomainError("Payout.PaidInFuture", "PaidOn"));
        }
        if (ApprovedUtc is { } approved && paidOn < DateOnly.FromDateTime(LimaTime.FromUtc(approved)))
        {
            errors.Add(new DomainError("Payout.PaidBeforeApproval", "PaidOn"));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        State = PayoutState.Paid;
        Revision++;
        PaidOn = paidOn;
        Reference = number;
        ReceivedBy = who;
        ThumbPrinted = thumbPrinted;
        PaidRecordedByUserId = userId;
        PaidRecordedUtc = nowUtc;
        return Result.Success();
    }

    /// <summary>
    /// A failed payout is replaced: a new pending payout (same award, tranche, amount and split; the next
    /// version, so a new end-to-end id) that needs its own approval; this one is closed as Reissued.
    /// </summary>
    public (Result Result, Payout? Reissue) Reissue(PayoutMethod method, int userId, DateTime nowUtc)
    {
        if (State != PayoutState.Failed)
        {
            return (Result.Fail(new DomainError("Payout.NotFailed", null, EndToEndId)), null);
        }
        var next = new Payout
        {
            RoundId = RoundId,
            AwardId = AwardId,
            EntryId = EntryId,
            EntryNumber = EntryNumber,
            BeneficiaryName = BeneficiaryName,
            Tranche = Tranche,
            TrancheCount = TrancheCount,
            Version = Version + 1,
            EndToEndId = EndToEndIdOf(RoundId, EntryNumber, Tranche, Version + 1),
            Amount = Amount,
            Method = method,
            State = PayoutState.Pending,
            CreatedByUserId = userId,
            CreatedUtc = nowUtc,
            ReissueOfId = Id,
        };
        next._shares.AddRange(_shares.Select(s => new PayoutShare(s.FundingSourceId, s.Amount)));
        next._conditions.AddRange(_conditions.Select(c => new TrancheCondition(c.Kind, c.Note, c.Accounted, c.RecordedByUserId, c.RecordedUtc)));
        State = PayoutState.Reissued;
        Revision++;
        return (Result.Success(), next);
    }

    /// <summary>The "previous tranche" handed in is this award's tranche before this one, or nothing.</summary>
    private void CheckPrevious(Payout? previousTranche)
    {
        if (previousTranche is not null && (previousTranche.AwardId != AwardId || previousTranche.Tranche != Tranche - 1))
        {
            throw new ArgumentException($"Payout {previousTranche.EndToEndId} is not the tranche before {EndToEndId}.", nameof(previousTranche));
        }
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>The part of a payout one funding source pays.</summary>
public sealed class PayoutShare
{
    internal PayoutShare(int fundingSourceId, decimal amount)
    {
        FundingSourceId = fundingSourceId;
        Amount = amount;
    }

    public int PayoutId { get; private set; }

    public int FundingSourceId { get; private set; }

    public decimal Amount { get; private set; }
}

/// <summary>A later tranche's condition, as recorded: who, when, a note, and for an accounting the amount.</summary>
public sealed class TrancheCondition
{
    internal TrancheCondition(TrancheConditionKind kind, string? note, decimal? accounted, int recordedByUserId, DateTime recordedUtc)
    {
        Kind = kind;
        Note = note;
        Accounted = accounted;
        RecordedByUserId = recordedByUserId;
        RecordedUtc = recordedUtc;
    }

    public int Id { get; private set; }

    public int PayoutId { get; private set; }

    public TrancheConditionKind Kind { get; private set; }

    public string? Note { get; private set; }

    public decimal? Accounted { get; private set; }

    public int RecordedByUserId { get; private set; }

    public DateTime RecordedUtc { get; private set; }
}

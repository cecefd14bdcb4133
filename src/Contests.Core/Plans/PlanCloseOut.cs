using Contests.Core.Common;

namespace Contests.Core.Plans;

/// <summary>The close-out as typed: the refund (when money is to be returned) and the rating; any value may be missing.</summary>
public sealed record CloseOutInput(decimal? RefundAmount, DateOnly? RefundedOn, string? RefundReference, int? Rating);

/// <summary>
/// A funded plan's close-out (<i>liquidación</i>): on the final report, the totals accounted for by who paid, the balance
/// to return (<see cref="PlanBalance"/>) and its refund — equal to the balance to the céntimo, with the day and the bank's
/// operation number —, and the rating of the plan's execution. Once closed, the plan takes no more receipts, deposits or
/// reports (<see cref="Refuses"/>); the round can close once every plan is closed and every payout paid.
/// </summary>
public sealed class PlanCloseOut
{
    public const int MinRating = 1;
    public const int MaxRating = 5;

    private PlanCloseOut()
    {
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public int EntryId { get; private set; }

    /// <summary>The final report the close-out rests on.</summary>
    public int FinalReportId { get; private set; }

    /// <summary>The project's money paid out to the plan.</summary>
    public decimal Paid { get; private set; }

    /// <summary>Accounted for with the project's money (receipts in the term).</summary>
    public decimal AccountedProject { get; private set; }

    /// <summary>Accounted for with the organization's counterpart (receipts in the term).</summary>
    public decimal AccountedCounterpart { get; private set; }

    /// <summary>What the organization returned (zero when every sol was accounted for).</summary>
    public decimal Refund { get; private set; }

    public DateOnly? RefundedOn { get; private set; }

    /// <summary>The bank's operation number of the refund.</summary>
    public string? RefundReference { get; private set; }

    /// <summary>How well the plan was carried out, from <see cref="MinRating"/> (poor) to <see cref="MaxRating"/> (excellent).</summary>
    public int Rating { get; private set; }

    public DateOnly ClosedOn { get; private set; }

    public int ClosedByUserId { get; private set; }

    public DateTime ClosedUtc { get; private set; }

    /// <summary>Nothing more is recorded on a closed plan.</summary>
    public static Result Refuses(PlanCloseOut? closeOut) =>
        closeOut is null ? Result.Success() : Result.Fail(new DomainError("Plan.Closed", null, closeOut.ClosedOn));

    /// <summary>
    /// The close-out, or null with every reason (fields <c>RefundAmount</c>, <c>RefundedOn</c>, <c>RefundReference</c>,
    /// <c>Rating</c>; a missing final report has no field). The refund must equal what is still to be returned to the
    /// céntimo; nothing to return, no refund.
    /// </summary>
    public static PlanCloseOut? Close(int roundId, int entryId, PlanAccounting accounting, IEnumerable<ProgressReport> reports, CloseOutInput input,
        DateOnly today, int userId, DateTime nowUtc, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(accounting);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var final = reports.Where(r => r.Kind == ReportKind.Final).OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id).LastOrDefault();
        if (final is null)
        {
            errors.Add(new DomainError("CloseOut.NoFinalReport"));
        }
        var balance = PlanBalance.Of(accounting, []);
        var due = balance.ToReturn;
        string? reference = null;
        if (due > 0)
        {
            if (input.RefundAmount is null)
            {
                errors.Add(new DomainError("Validation.Required", "RefundAmount", new FieldLabel("RefundAmount")));
            }
            if (input.RefundedOn is null)
            {
                errors.Add(new DomainError("Validation.Required", "RefundedOn", new FieldLabel("RefundedOn")));
            }
            else if (input.RefundedOn > today)
            {
                errors.Add(new DomainError("Receipt.InFuture", "RefundedOn"));
            }
            reference = Text.Required(input.RefundReference, CounterpartDeposit.ReferenceMaxLength, "RefundReference", errors);
        }
        if (input.RefundAmount is { } amount && amount != due)
        {
            errors.Add(new DomainError("CloseOut.RefundMismatch", "RefundAmount", Money.Round(amount), Money.Round(due)));
        }
        if (input.Rating is null)
        {
            errors.Add(new DomainError("Validation.Required", "Rating", new FieldLabel("Rating")));
        }
        else if (input.Rating is < MinRating or > MaxRating)
        {
            errors.Add(new DomainError("CloseOut.RatingRange", "Rating", MinRating, MaxRating));
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new PlanCloseOut
        {
            RoundId = roundId, EntryId = entryId, FinalReportId = final!.Id, Paid = balance.Paid, AccountedProject = accounting.Project,
            AccountedCounterpart = accounting.Counterpart, Refund = due, RefundedOn = due > 0 ? input.RefundedOn : null, RefundReference = reference,
            Rating = input.Rating!.Value, ClosedOn = today, ClosedByUserId = userId, ClosedUtc = nowUtc,
        };
    }
}

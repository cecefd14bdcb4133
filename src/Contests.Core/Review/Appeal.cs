using System.Linq.Expressions;
using Contests.Core.Common;

namespace Contests.Core.Review;

public enum AppealState
{
    Pending,
    Accepted,
    Rejected,
}

/// <summary>
/// A reclamo against an entry's published result (docs/architecture.md#rules-review-publication-and-appeals): recorded by an officer within the
/// appeals window (who appeals, on what grounds), resolved by the LRAC (accepted or rejected, with the reason).
/// An accepted appeal reopens the entry's sheets; it stays open until an addendum acta approves the round's
/// results again (<see cref="Settle"/>). The round becomes final only when the window has ended and no appeal is open.
/// </summary>
public sealed class Appeal
{
    public const int AppellantMaxLength = 160;
    public const int GroundsMaxLength = 1000;
    public const int ResolutionMaxLength = 500;

    private Appeal()
    {
        Appellant = string.Empty;
        Grounds = string.Empty;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public int EntryId { get; private set; }

    /// <summary>The acta whose result is appealed.</summary>
    public int ActaId { get; private set; }

    public string Appellant { get; private set; }

    public string Grounds { get; private set; }

    public DateTime ReceivedUtc { get; private set; }

    public int RecordedByUserId { get; private set; }

    public AppealState State { get; private set; }

    public string? Resolution { get; private set; }

    public int? ResolvedByUserId { get; private set; }

    public DateTime? ResolvedUtc { get; private set; }

    /// <summary>The addendum acta that approved the results again after the appeal was accepted.</summary>
    public int? SettledByActaId { get; private set; }

    /// <summary>The same addendum, set with <see cref="Settle"/> so one save stores the addendum and the settlement together.</summary>
    public Acta? SettledBy { get; private set; }

    public int Revision { get; private set; }

    /// <summary><see cref="Open"/> as a query can ask it of stored appeals.</summary>
    public static readonly Expression<Func<Appeal, bool>> IsOpen =
        a => a.State == AppealState.Pending || (a.State == AppealState.Accepted && a.SettledByActaId == null);

    /// <summary>Accepted and not yet settled by an addendum (its entry is being scored again), as a query can ask it.</summary>
    public static readonly Expression<Func<Appeal, bool>> IsAwaitingAddendum = a => a.State == AppealState.Accepted && a.SettledByActaId == null;

    /// <summary>Pending, or accepted and not yet settled by an addendum: holds the round from becoming final.</summary>
    public bool Open => State == AppealState.Pending || (State == AppealState.Accepted && SettledByActaId is null && SettledBy is null);

    /// <summary>Records an appeal received now, refused once the window of <paramref name="acta"/> has ended.</summary>
    public static Appeal? Record(Acta acta, int entryId, string? appellant, string? grounds, int userId, DateTime nowUtc, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(acta);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (!acta.Approved || acta.AppealsUntilUtc is not { } until)
        {
            errors.Add(new DomainError("Appeal.NoApprovedActa"));
            return null;
        }
        if (nowUtc > until)
        {
            errors.Add(new DomainError("Appeal.WindowClosed", null, until));
        }
        var who = Text.Name(appellant, AppellantMaxLength, nameof(Appellant), required: true, errors);
        var why = Text.Required(grounds, GroundsMaxLength, nameof(Grounds), errors);
        if (errors.Count > before)
        {
            return null;
        }
        return new Appeal
        {
            RoundId = acta.RoundId, EntryId = entryId, ActaId = acta.Id, Appellant = who!, Grounds = why!, ReceivedUtc = nowUtc,
            RecordedByUserId = userId, State = AppealState.Pending,
        };
    }

    /// <summary>The LRAC's decision, with its reason; once.</summary>
    public Result Resolve(bool accepted, string? reason, int userId, DateTime nowUtc)
    {
        if (State != AppealState.Pending)
        {
            return Result.Fail(new DomainError("Appeal.AlreadyResolved"));
        }
        var clean = Text.Clean(reason);
        if (clean is null)
        {
            return Result.Fail(new DomainError("Appeal.ReasonRequired", nameof(Resolution)));
        }
        if (clean.Length > ResolutionMaxLength)
        {
            return Result.Fail(new DomainError("Validation.MaxLength", nameof(Resolution), new FieldLabel(nameof(Resolution)), ResolutionMaxLength));
        }
        State = accepted ? AppealState.Accepted : AppealState.Rejected;
        Resolution = clean;
        ResolvedByUserId = userId;
        ResolvedUtc = nowUtc;
        Revision++;
        return Result.Success();
    }

    /// <summary>An addendum approved the results again: the accepted appeal is closed.</summary>
    public Result Settle(Acta addendum)
    {
        ArgumentNullException.ThrowIfNull(addendum);
        if (State != AppealState.Accepted || SettledByActaId is not null || SettledBy is not null)
        {
            return Result.Fail(new DomainError("Appeal.NotAwaitingAddendum"));
        }
        if (addendum.Kind != ActaKind.Addendum || !addendum.Approved || addendum.RoundId != RoundId)
        {
            return Result.Fail(new DomainError("Appeal.NotAnAddendum"));
        }
        SettledBy = addendum;
        SettledByActaId = addendum.Id == 0 ? null : addendum.Id;
        Revision++;
        return Result.Success();
    }
}

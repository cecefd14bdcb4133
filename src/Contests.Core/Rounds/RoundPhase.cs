using Contests.Core.Common;

namespace Contests.Core.Rounds;

/// <summary>
/// Where a contest round is: <c>Draft → Open → RegistrationClosed (baseline) → Judging → Review (LRAC)
/// → Published (appeals) → Final → Paying → Closed</c>. Each step is forward-only; what may happen in a
/// phase (registering, scoring, paying) is decided by the phase.
/// </summary>
public enum RoundPhase
{
    Draft,
    Open,
    RegistrationClosed,
    Judging,
    Review,
    Published,
    Final,
    Paying,
    Closed,
}

/// <summary>
/// What the guards of the phase transitions look at, gathered from the round when a move is asked for
/// (by hand or by a scheduled date). Counts, not objects, so the rules stay here and the gathering
/// stays with the data.
/// </summary>
public sealed record PhaseFacts
{
    public bool HasRubric { get; init; }

    public bool HasBudget { get; init; }

    public int Entries { get; init; }

    public int MissingBaselines { get; init; }

    public int MissingScoreSheets { get; init; }

    /// <summary>Entry parts whose submitted score was excluded for a conflict found after submission, leaving them short of the minimum of jurors.</summary>
    public int ShortByConflict { get; init; }

    public bool ActaApprovedWithQuorum { get; init; }

    public bool AppealsWindowOver { get; init; }

    /// <summary>Appeals pending, or accepted and not yet settled by an addendum acta.</summary>
    public int OpenAppeals { get; init; }

    public int PayoutsOutstanding { get; init; }

    /// <summary>Funded plans with a contract in force that are not closed out yet.</summary>
    public int PlansOpen { get; init; }

    /// <summary>Every payout paid and every funded plan closed out: what a round needs to close.</summary>
    public bool Settled => PayoutsOutstanding == 0 && PlansOpen == 0;
}

/// <summary>
/// The phase state machine: which moves exist and what each one needs. A guard that a person may
/// knowingly override (closing registration with no entries, judging with baselines missing) fails
/// unless the move is <c>confirmed</c>; the others can't be overridden.
/// </summary>
public static class RoundPhases
{
    private static readonly Dictionary<RoundPhase, RoundPhase> Forward = new()
    {
        [RoundPhase.Draft] = RoundPhase.Open,
        [RoundPhase.Open] = RoundPhase.RegistrationClosed,
        [RoundPhase.RegistrationClosed] = RoundPhase.Judging,
        [RoundPhase.Judging] = RoundPhase.Review,
        [RoundPhase.Review] = RoundPhase.Published,
        [RoundPhase.Published] = RoundPhase.Final,
        [RoundPhase.Final] = RoundPhase.Paying,
        [RoundPhase.Paying] = RoundPhase.Closed,
    };

    /// <summary>The one phase a round can move to from <paramref name="phase"/>, or null at the end.</summary>
    public static RoundPhase? Next(RoundPhase phase) => Forward.TryGetValue(phase, out var next) ? next : null;

    /// <summary>Whether the move is allowed now, and if not every reason why (all at once).</summary>
    public static Result CanMove(RoundPhase from, RoundPhase to, PhaseFacts facts, bool confirmed = false)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (Next(from) != to)
        {
            return Result.Fail(new DomainError("Phase.NotAllowed", null, from, to));
        }
        var errors = new List<DomainError>();
        switch (to)
        {
            case RoundPhase.Open:
                if (!facts.HasRubric)
                {
                    errors.Add(new DomainError("Phase.NoRubric"));
                }
                if (!facts.HasBudget)
                {
                    errors.Add(new DomainError("Phase.NoBudget"));
                }
                break;
            case RoundPhase.RegistrationClosed when facts.Entries == 0 && !confirmed:
                errors.Add(new DomainError("Phase.NoEntries"));
                break;
            case RoundPhase.Judging when facts.MissingBaselines > 0 && !confirmed:
                errors.Add(new DomainError("Phase.MissingBaselines", null, facts.MissingBaselines));
                break;
            case RoundPhase.Review when facts.MissingScoreSheets > 0 || facts.ShortByConflict > 0:
                if (facts.ShortByConflict > 0)
                {
                    // Named apart: no juror will send these sheets; the officer must re-score or replace the juror.
                    errors.Add(new DomainError("Phase.ShortByConflict", null, facts.ShortByConflict));
                }
                if (facts.MissingScoreSheets > 0)
                {
                    errors.Add(new DomainError("Phase.MissingScoreSheets", null, facts.MissingScoreSheets));
                }
                break;
            case RoundPhase.Published when !facts.ActaApprovedWithQuorum:
                errors.Add(new DomainError("Phase.NoApprovedActa"));
                break;
            case RoundPhase.Final:
                if (!facts.AppealsWindowOver)
                {
                    errors.Add(new DomainError("Phase.AppealsWindowOpen"));
                }
                if (facts.OpenAppeals > 0)
                {
                    errors.Add(new DomainError("Phase.AppealsOpen", null, facts.OpenAppeals));
                }
                break;
            case RoundPhase.Closed when !facts.Settled:
                if (facts.PayoutsOutstanding > 0)
                {
                    errors.Add(new DomainError("Phase.PayoutsOutstanding", null, facts.PayoutsOutstanding));
                }
                if (facts.PlansOpen > 0)
                {
                    errors.Add(new DomainError("Phase.PlansOpen", null, facts.PlansOpen));
                }
                break;
        }
        return Result.Fail(errors);
    }
}

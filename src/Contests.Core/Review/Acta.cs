using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;

namespace Contests.Core.Review;

/// <summary>The LRAC session that approves a round's results, or a later one that approves them again after appeals.</summary>
public enum ActaKind
{
    Session,
    Addendum,
}

/// <summary>What approving an acta needs, gathered by the caller in the same transaction.</summary>
/// <param name="Members">The round's active members with their roles (quorum counts the voting ones).</param>
/// <param name="Allocation">The allocation computed with the acta's overrides, from the round's complete ranking.</param>
/// <param name="Ranking">Every ranked entry, for the awards' place and score.</param>
/// <param name="Number">The acta's number: the next in its local office's sequence for the session's year.</param>
/// <param name="AppealsUntilUtc">When the appeals window ends.</param>
/// <param name="UserId">Who approves (the president or an officer, recording the committee's decision).</param>
/// <param name="NowUtc">The moment of approval.</param>
public sealed record ActaApproval(IReadOnlyDictionary<int, LracRole> Members, AllocationResult Allocation, IReadOnlyList<RankedEntry> Ranking,
    int Number, DateTime AppealsUntilUtc, int UserId, DateTime NowUtc);

/// <summary>
/// The acta of an LRAC session (docs/architecture.md#rules-review-publication-and-appeals): when and where the committee met, who attended, the
/// overrides it decided with their reasons, and, once approved, the awards it approved. Open, the session
/// is edited; approval needs quorum and an allocation that fits the budget and its sources, numbers the
/// acta in its local office's yearly sequence, stores every award, and sets the end of the appeals window.
/// Approved, it is never edited: a change goes through an appeal and an addendum.
/// </summary>
public sealed class Acta
{
    public const int PlaceMaxLength = 160;
    public const int ReasonMaxLength = 500;
    public const int MaxAppealDays = 90;

    private readonly List<ActaAttendance> _attendance = [];
    private readonly List<ActaOverride> _overrides = [];
    private readonly List<PrizeAward> _awards = [];

    private Acta()
    {
        Place = string.Empty;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public int LocalOfficeId { get; private set; }

    public ActaKind Kind { get; private set; }

    public DateTime HeldUtc { get; private set; }

    public string Place { get; private set; }

    public DateTime OpenedUtc { get; private set; }

    public int OpenedByUserId { get; private set; }

    /// <summary>The year of the session in Lima, set with the number on approval.</summary>
    public int? Year { get; private set; }

    public int? Number { get; private set; }

    public DateTime? ApprovedUtc { get; private set; }

    public int? ApprovedByUserId { get; private set; }

    public DateTime? AppealsUntilUtc { get; private set; }

    /// <summary>Voting members of the committee and those present, as counted on approval.</summary>
    public int? VotingMembers { get; private set; }

    public int? VotingPresent { get; private set; }

    /// <summary>The approved allocation's sentences for the round and per pool.</summary>
    public ActaNotes? Notes { get; private set; }

    public decimal? Total { get; private set; }

    public decimal? Budget { get; private set; }

    public int Revision { get; private set; }

    public IReadOnlyCollection<ActaAttendance> Attendance => _attendance.AsReadOnly();

    public IReadOnlyCollection<ActaOverride> Overrides => _overrides.AsReadOnly();

    public IReadOnlyCollection<PrizeAward> Awards => _awards.AsReadOnly();

    public bool Approved => ApprovedUtc is not null;

    /// <summary>The phase the round is in while this acta's session sits: Review for a session, Published for an addendum.</summary>
    public RoundPhase SitsIn => Kind == ActaKind.Addendum ? RoundPhase.Published : RoundPhase.Review;

    /// <summary>
    /// Whether the session is open to record attendance, overrides and the approval: not yet approved, and the round in the
    /// phase it sits in. The one place that says so (the session page and every action ask here).
    /// </summary>
    public bool IsOpenIn(RoundPhase phase) => !Approved && phase == SitsIn;

    /// <summary>"007-2026": the number in its office's sequence and the year.</summary>
    public string? Code => Number is { } n ? FormattableString.Invariant($"{n:000}-{Year}") : null;

    public IReadOnlyList<AllocationOverride> AllocationOverrides =>
        [.. _overrides.OrderBy(o => o.EntryId).Select(o => new AllocationOverride(o.EntryId, o.Amount, o.Reason))];

    public static Acta? Open(int roundId, int localOfficeId, ActaKind kind, DateTime heldUtc, string? place, int userId, DateTime nowUtc,
        ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var clean = Text.Name(place, PlaceMaxLength, nameof(Place), required: true, errors);
        if (clean is null)
        {
            return null;
        }
        return new Acta
        {
            RoundId = roundId, LocalOfficeId = localOfficeId, Kind = kind, HeldUtc = heldUtc, Place = clean, OpenedUtc = nowUtc,
            OpenedByUserId = userId,
        };
    }

    /// <summary>Changes when and where the session is held, while it is open.</summary>
    public Result Reschedule(DateTime heldUtc, string? place)
    {
        var errors = new List<DomainError>();
        if (Approved)
        {
            return Result.Fail(new DomainError("Acta.Approved"));
        }
        var clean = Text.Name(place, PlaceMaxLength, nameof(Place), required: true, errors);
        if (clean is null)
        {
            return Result.Fail(errors);
        }
        HeldUtc = heldUtc;
        Place = clean;
        Revision++;
        return Result.Success();
    }

    /// <summary>Records who is present among <paramref name="members"/> (the round's active members); replaces an earlier record.</summary>
    public Result RecordAttendance(IReadOnlyCollection<int> members, IReadOnlyCollection<int> present)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(present);
        if (Approved)
        {
            return Result.Fail(new DomainError("Acta.Approved"));
        }
        if (present.Any(p => !members.Contains(p)))
        {
            return Result.Fail(new DomainError("Acta.NotAMember", "Present"));
        }
        _attendance.RemoveAll(a => !members.Contains(a.MemberId));
        foreach (var id in members)
        {
            var row = _attendance.Find(a => a.MemberId == id);
            if (row is null)
            {
                _attendance.Add(new ActaAttendance(id, present.Contains(id)));
            }
            else
            {
                row.Present = present.Contains(id);
            }
        }
        Revision++;
        return Result.Success();
    }

    /// <summary>The members present (after <see cref="RecordAttendance"/>).</summary>
    public IReadOnlySet<int> Present => _attendance.Where(a => a.Present).Select(a => a.MemberId).ToHashSet();

    /// <summary>The committee gives <paramref name="entryId"/> another amount; the reason is required (it is shown in the acta and on the public page).</summary>
    public Result Override(int entryId, Money amount, string? reason, int userId, DateTime nowUtc)
    {
        if (Approved)
        {
            return Result.Fail(new DomainError("Acta.Approved"));
        }
        if (amount.Amount < 0)
        {
            return Result.Fail(new DomainError("Acta.OverrideNegative", "Amount"));
        }
        var clean = Text.Clean(reason);
        if (clean is null)
        {
            return Result.Fail(new DomainError("Acta.OverrideReasonRequired", "Reason"));
        }
        if (clean.Length > ReasonMaxLength)
        {
            return Result.Fail(new DomainError("Validation.MaxLength", "Reason", new FieldLabel("Reason"), ReasonMaxLength));
        }
        _overrides.RemoveAll(o => o.EntryId == entryId);
        _overrides.Add(new ActaOverride(entryId, amount.Amount, clean, userId, nowUtc));
        Revision++;
        return Result.Success();
    }

    public Result RemoveOverride(int entryId)
    {
        if (Approved)
        {
            return Result.Fail(new DomainError("Acta.Approved"));
        }
        if (_overrides.RemoveAll(o => o.EntryId == entryId) == 0)
        {
            return Result.Fail(new DomainError("Acta.NoSuchOverride"));
        }
        Revision++;
        return Result.Success();
    }

    /// <summary>Whether the recorded attendance makes quorum among <paramref name="members"/> (the active ones, with their roles).</summary>
    public bool HasQuorum(IReadOnlyDictionary<int, LracRole> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var present = Present;
        return Quorum.Met([.. members.Values], [.. members.Where(m => present.Contains(m.Key)).Select(m => m.Value)]);
    }

    /// <summary>
    /// Approves the acta, all reasons it can't at once: quorum, an allocation that fits (computed with this
    /// acta's overrides), a session already held (its Lima date not after today), and an appeals window
    /// that ends after now and within <see cref="MaxAppealDays"/> days.
    /// </summary>
    public Result Approve(ActaApproval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if (Approved)
        {
            return Result.Fail(new DomainError("Acta.Approved"));
        }
        var errors = new List<DomainError>();
        var voting = approval.Members.Count(m => Quorum.Votes(m.Value));
        var present = Present;
        var votingPresent = approval.Members.Count(m => Quorum.Votes(m.Value) && present.Contains(m.Key));
        if (!HasQuorum(approval.Members))
        {
            errors.Add(new DomainError("Acta.NoQuorum", null, votingPresent, voting, Quorum.Needed(voting)));
        }
        if (!approval.Allocation.Succeeded)
        {
            errors.Add(new DomainError("Acta.AllocationProblem"));
        }
        if (LimaTime.FromUtc(HeldUtc).Date > LimaTime.FromUtc(approval.NowUtc).Date)
        {
            errors.Add(new DomainError("Acta.NotHeldYet", null, HeldUtc));
        }
        if (approval.AppealsUntilUtc <= approval.NowUtc)
        {
            errors.Add(new DomainError("Acta.AppealsEndPast", "AppealsUntil"));
        }
        else if (approval.AppealsUntilUtc > approval.NowUtc.AddDays(MaxAppealDays))
        {
            errors.Add(new DomainError("Acta.AppealsTooLong", "AppealsUntil", MaxAppealDays));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        var ranks = approval.Ranking.ToDictionary(r => r.EntryId);
        var notFunded = approval.Allocation.NotFunded.ToDictionary(n => n.EntryId);
        var overrides = _overrides.ToDictionary(o => o.EntryId, o => o.Reason);
        foreach (var award in approval.Allocation.Awards)
        {
            var rank = ranks[award.EntryId];
            _awards.Add(new PrizeAward(RoundId, award, rank.Final, rank.Approved, overrides.GetValueOrDefault(award.EntryId),
                notFunded.GetValueOrDefault(award.EntryId)));
        }
        Notes = new ActaNotes(approval.Allocation.Explanation,
            approval.Allocation.Pools.ToDictionary(p => p.PoolKey, p => p.Explanation, StringComparer.Ordinal));
        Total = approval.Allocation.Total;
        Budget = approval.Allocation.Budget;
        Year = LimaTime.FromUtc(HeldUtc).Year;
        Number = approval.Number;
        ApprovedUtc = approval.NowUtc;
        ApprovedByUserId = approval.UserId;
        AppealsUntilUtc = approval.AppealsUntilUtc;
        VotingMembers = voting;
        VotingPresent = votingPresent;
        Revision++;
        return Result.Success();
    }
}

/// <summary>Whether one member attended the session.</summary>
public sealed class ActaAttendance
{
    internal ActaAttendance(int memberId, bool present)
    {
        MemberId = memberId;
        Present = present;
    }

    public int MemberId { get; private set; }

    public bool Present { get; internal set; }
}

/// <summary>An amount the committee decided instead of the computed one, with its reason, who recorded it and when.</summary>
public sealed class ActaOverride
{
    internal ActaOverride(int entryId, decimal amount, string reason, int byUserId, DateTime atUtc)
    {
        EntryId = entryId;
        Amount = amount;
        Reason = reason;
        ByUserId = byUserId;
        AtUtc = atUtc;
    }

    public int EntryId { get; private set; }

    public decimal Amount { get; private set; }

    public string Reason { get; private set; }

    public int ByUserId { get; private set; }

    public DateTime AtUtc { get; private set; }
}

/// <summary>The approved allocation's sentences: the round's, and each pool's by pool key.</summary>
public sealed record ActaNotes(IReadOnlyList<Explanation> Round, IReadOnlyDictionary<string, IReadOnlyList<Explanation>> Pools);

using System.Security.Claims;
using Contests.Core.Accounts;
using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Features.Allocation;
using Contests.Web.Features.Judging;
using Contests.Web.Features.Rounds;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Review;

/// <summary>Who is looking at a round's session: whether they may run it, and their seat when they sit on the committee.</summary>
public sealed record SessionAccess(bool Run, LracMember? Seat);

/// <summary>A member as the session lists them, with their attendance.</summary>
public sealed record SessionMember(int Id, string Name, LracRole Role, bool Present);

/// <summary>The committee's quorum as recorded: voting members, those present, the fewest needed.</summary>
public sealed record QuorumCount(int Voting, int Present, int Needed)
{
    public bool Met => Voting > 0 && Present >= Needed;
}

/// <summary>
/// The session page: the round, its acta (null before the session is opened), the members with their
/// attendance, the ranking and the allocation with the acta's overrides (while open: computed now; once
/// approved: the stored awards are what counts), and the entries the viewing president may not override.
/// </summary>
/// <remarks>
/// After publication the page shows the round's latest acta: the session's, or an addendum opened to approve the results
/// again after accepted appeals (<see cref="AwaitingAddendum"/> counts them; <see cref="Changes"/> is what the open
/// addendum would change, or what an approved one changed).
/// </remarks>
public sealed record SessionPage(ContestRound Round, SessionAccess Access, Acta? Acta, IReadOnlyList<SessionMember> Members, QuorumCount Quorum,
    RoundResults? Results, AllocationResult? Allocation, IReadOnlySet<int> Conflicted, string? OfficeName, int AwaitingAddendum = 0,
    IReadOnlyList<AwardChange>? Changes = null);

public sealed class SessionForm
{
    /// <summary>Lima date and time, as a datetime-local input sends it.</summary>
    public string? Held { get; set; }

    public string? Place { get; set; }
}

public sealed class OverrideForm
{
    public int? EntryId { get; set; }

    public string? Amount { get; set; }

    public string? Reason { get; set; }
}

public sealed class ApproveForm
{
    /// <summary>The last day (Lima) appeals are received; the window ends at 23:59 that day.</summary>
    public string? AppealsUntil { get; set; }

    /// <summary>The tick beside the approval: an approved acta is never edited (only an addendum changes it).</summary>
    public bool Confirmed { get; set; }
}

/// <summary>
/// The LRAC session of a round in review (docs/architecture.md#rules-review-publication-and-appeals): opened with its date and place, the
/// attendance recorded and quorum computed, the computed ranking and allocation reviewed, overrides recorded
/// with their reason, and the acta approved — which needs quorum and an allocation that fits, numbers the
/// acta in its local office's yearly sequence, stores the awards and publishes the round with its appeals
/// window, all in one transaction. Officers run a session; so does the round's active president (never
/// overriding an entry they are conflicted with); the round's members and the reading roles follow it.
/// Every change is audited by the save (the acta, its attendance and overrides, the awards, the phase).
/// </summary>
public sealed class Sessions(ContestsDbContext db, Scoreboard scoreboard, Allocations allocations, PhaseMoves phases, Presidency presidency,
    TimeProvider clock)
{
    public const int DefaultAppealDays = 7;

    /// <summary>The user's access to the round's session, or null when they have none (a member of another round).</summary>
    public async Task<SessionAccess?> AccessAsync(int roundId, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(nameof(Role.ProjectOfficer)))
        {
            return new SessionAccess(true, null);
        }
        if (user.IsInRole(nameof(Role.LracMember)))
        {
            var userId = user.Id();
            var seat = await db.LracMembers.SingleOrDefaultAsync(m => m.RoundId == roundId && m.UserId == userId && m.Active, ct);
            if (seat is not null)
            {
                return new SessionAccess(seat.Role == LracRole.President, seat);
            }
        }
        return user.IsInRole(nameof(Role.Auditor)) || user.IsInRole(nameof(Role.FinanceOfficer)) || user.IsInRole(nameof(Role.Admin))
            || user.IsInRole(nameof(Role.Monitoring))
            ? new SessionAccess(false, null)
            : null;
    }

    /// <summary>The round's latest acta: its session's, or the latest addendum.</summary>
    public Task<Acta?> ActaAsync(int roundId, CancellationToken ct) =>
        db.Actas.Include(a => a.Awards).Where(a => a.RoundId == roundId).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);

    /// <summary>One acta of the round (for printing an earlier one).</summary>
    public Task<Acta?> ActaAsync(int roundId, int actaId, CancellationToken ct) =>
        db.Actas.Include(a => a.Awards).SingleOrDefaultAsync(a => a.RoundId == roundId && a.Id == actaId, ct);

    /// <summary>Accepted appeals of the round not yet settled by an approved addendum.</summary>
    public Task<List<Appeal>> AwaitingAddendumAsync(int roundId, CancellationToken ct) =>
        db.Appeals.Where(a => a.RoundId == roundId).Where(Appeal.IsAwaitingAddendum).ToListAsync(ct);

    public async Task<SessionPage> PageAsync(ContestRound round, SessionAccess access, CancellationToken ct, int? actaId = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(access);
        var acta = actaId is { } id ? await ActaAsync(round.Id, id, ct) : await ActaAsync(round.Id, ct);
        var members = await MembersAsync(round.Id, ct);
        var present = acta?.Present ?? new HashSet<int>();
        var listed = members.OrderBy(m => m.Role).ThenBy(m => m.FullName, StringComparer.CurrentCulture)
            .Select(m => new SessionMember(m.Id, m.FullName, m.Role, present.Contains(m.Id))).ToList();
        var quorum = Count(acta, members);
        var results = await scoreboard.ResultsAsync(round, ct);
        var allocation = results is null || acta is { Approved: true } ? null
            : await allocations.PreviewAsync(round, results, acta?.AllocationOverrides, ct);
        var conflicted = access.Seat is { } seat && results is not null
            ? await presidency.ConflictedAsync(seat, await TiesAsync(round.Id, ct), ct)
            : [];
        var office = await db.LocalOffices.Where(o => o.Id == round.LocalOfficeId).Select(o => o.Name).SingleOrDefaultAsync(ct);
        var awaiting = round.Phase == RoundPhase.Published ? (await AwaitingAddendumAsync(round.Id, ct)).Count : 0;
        IReadOnlyList<AwardChange>? changes = null;
        if (acta is { Kind: ActaKind.Addendum })
        {
            var before = await db.Awards.Where(a => a.RoundId == round.Id && a.ActaId < acta.Id).ToListAsync(ct);
            // The version before this addendum: for each entry, its award in the latest earlier acta.
            var previous = before.GroupBy(a => a.EntryId).Select(g => g.OrderByDescending(a => a.ActaId).First()).ToList();
            changes = acta.Approved ? AwardDiff.Between(previous, acta.Awards) : allocation is null ? null : AwardDiff.Between(previous, allocation.Awards);
        }
        return new SessionPage(round, access, acta, listed, quorum, results, allocation, conflicted, office, awaiting, changes);
    }

    /// <summary>
    /// Opens the round's session (in review), or an addendum (published, with accepted appeals awaiting one, the latest
    /// acta approved), or changes the open one's date and place.
    /// </summary>
    public async Task<Result> OpenAsync(ContestRound round, SessionForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<DomainError>();
        var held = ParseHeld(form.Held, DateWindow.ForRound(round.CreatedUtc, clock.GetUtcNow().UtcDateTime), errors);
        var acta = await ActaAsync(round.Id, ct);
        Acta? previous = null;
        var kind = ActaKind.Session;
        if (round.Phase == RoundPhase.Published && acta is { Approved: true })
        {
            if ((await AwaitingAddendumAsync(round.Id, ct)).Count == 0)
            {
                return Result.Fail(new DomainError("Acta.NoAppealToSettle"));
            }
            (previous, acta, kind) = (acta, null, ActaKind.Addendum);
        }
        else if (round.Phase != RoundPhase.Review && !(round.Phase == RoundPhase.Published && acta is { Approved: false }))
        {
            return Result.Fail(new DomainError("Acta.RoundNotInReview"));
        }
        if (acta is not null)
        {
            if (errors.Count > 0)
            {
                return Result.Fail(errors);
            }
            var changed = acta.Reschedule(held!.Value, form.Place);
            if (changed.Succeeded)
            {
                await db.SaveChangesAsync(ct);
            }
            return changed;
        }
        var opened = Acta.Open(round.Id, round.LocalOfficeId, kind, held ?? default, form.Place, userId, clock.GetUtcNow().UtcDateTime, errors);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        if (previous is not null)
        {
            // The committee's earlier changes carry over into the addendum; it may remove them there.
            foreach (var o in previous.Overrides)
            {
                opened!.Override(o.EntryId, Money.Of(o.Amount), o.Reason, o.ByUserId, o.AtUtc);
            }
        }
        db.Actas.Add(opened!);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async Task<Result> AttendanceAsync(ContestRound round, IReadOnlyCollection<int> present, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var (acta, refusal) = await OpenActaAsync(round, ct);
        if (acta is null)
        {
            return refusal!;
        }
        var members = await MembersAsync(round.Id, ct);
        var result = acta.RecordAttendance([.. members.Select(m => m.Id)], present);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    public async Task<Result> OverrideAsync(ContestRound round, OverrideForm form, SessionAccess access, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(access);
        var (acta, refusal) = await OpenActaAsync(round, ct);
        if (acta is null)
        {
            return refusal!;
        }
        var entry = form.EntryId is { } id
            ? await db.Entries.SingleOrDefaultAsync(e => e.Id == id && e.RoundId == round.Id && e.Status == EntryStatus.Registered, ct)
            : null;
        if (entry is null)
        {
            return Result.Fail(new DomainError("Acta.ChooseEntry"));
        }
        if (access.Seat is { } seat
            && (await presidency.ConflictedAsync(seat, [new EntryTies(entry.Id, entry.HouseholdId, entry.CommunityId, entry.OrganizationId)], ct)).Count > 0)
        {
            return Result.Fail(new DomainError("Acta.Conflicted"));
        }
        var amount = Money.TryParse(form.Amount, "Amount", out var amountError);
        var errors = new List<DomainError>();
        if (amountError is not null)
        {
            errors.Add(amountError);
        }
        if (Text.Clean(form.Reason) is null)
        {
            errors.Add(new DomainError("Acta.OverrideReasonRequired", "Reason"));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var result = acta.Override(entry.Id, amount!.Value, form.Reason, userId, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    public async Task<Result> RemoveOverrideAsync(ContestRound round, int entryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var (acta, refusal) = await OpenActaAsync(round, ct);
        if (acta is null)
        {
            return refusal!;
        }
        var result = acta.RemoveOverride(entryId);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// Approves the acta and publishes the round, in one transaction. The acta's number is the next in its
    /// office's sequence for the year; the database's unique index refuses a number taken at the same
    /// moment by another approval, and the approval is tried again with the next one.
    /// </summary>
    public async Task<Result> ApproveAsync(int roundId, ApproveForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryApproveAsync(roundId, form, userId, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Result> TryApproveAsync(int roundId, ApproveForm form, int userId, CancellationToken ct)
    {
        var round = await db.Rounds.AsSplitQuery().SingleAsync(r => r.Id == roundId, ct);
        var (acta, refusal) = await OpenActaAsync(round, ct);
        if (acta is null)
        {
            return refusal!;
        }
        var errors = new List<DomainError>();
        var until = ParseAppealsUntil(form.AppealsUntil, errors);
        var results = await scoreboard.ResultsAsync(round, ct);
        if (results is null || results.Incomplete > 0 || results.Rows.Count == 0)
        {
            errors.Add(new DomainError("Acta.ResultsIncomplete"));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var allocation = await allocations.PreviewAsync(round, results!, acta.AllocationOverrides, ct);
        var members = (await MembersAsync(round.Id, ct)).ToDictionary(m => m.Id, m => m.Role);
        var year = LimaTime.FromUtc(acta.HeldUtc).Year;
        var number = await NextNumberAsync(db, acta.LocalOfficeId, year, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var approved = acta.Approve(new ActaApproval(members, allocation!, [.. results!.Rows.Select(r => r.Result.Rank!)], number, until!.Value, userId, now));
        if (!approved.Succeeded)
        {
            db.ChangeTracker.Clear();
            return approved;
        }
        await RecordPlanOutcomesAsync(round, results!, ct);
        if (acta.Kind == ActaKind.Addendum)
        {
            // The new version replaces the earlier one for every entry, and settles the appeals it answers.
            foreach (var earlier in await db.Awards.Where(a => a.RoundId == round.Id && a.Current && a.ActaId != acta.Id).ToListAsync(ct))
            {
                earlier.Supersede();
            }
            foreach (var appeal in await AwaitingAddendumAsync(round.Id, ct))
            {
                var settled = appeal.Settle(acta);
                if (!settled.Succeeded)
                {
                    db.ChangeTracker.Clear();
                    return settled;
                }
            }
            await VoidChangedCertificatesAsync(round.Id, acta, userId, now, ct);
            await db.SaveChangesAsync(ct);
            return Result.Success();
        }
        var facts = await phases.FactsAsync(round, ct) with { ActaApprovedWithQuorum = true };
        var moved = round.MoveTo(RoundPhase.Published, facts, false, userId, now);
        if (!moved.Succeeded)
        {
            db.ChangeTracker.Clear();
            return moved;
        }
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>
    /// An addendum approves the round's awards again: a certificate whose winner's place, score or prize changed (or who
    /// no longer has a prize), and a donation contract whose amount changed (or whose organization is no longer
    /// funded), is voided with the addendum as its reason, in the same transaction; its verification page then answers
    /// "void" and the officer issues the new one. Documents of unchanged awards stay valid.
    /// </summary>
    private async Task VoidChangedCertificatesAsync(int roundId, Acta addendum, int userId, DateTime now, CancellationToken ct)
    {
        var documents = await db.Documents
            .Where(d => d.RoundId == roundId && (d.Kind == DocumentKind.Certificate || d.Kind == DocumentKind.Contract) && d.State == DocumentState.Valid
                && d.AwardId != null)
            .ToListAsync(ct);
        if (documents.Count == 0)
        {
            return;
        }
        var ids = documents.Select(c => c.AwardId!.Value).ToList();
        var earlier = await db.Awards.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var current = addendum.Awards.ToDictionary(a => a.EntryId);
        foreach (var document in documents)
        {
            var before = earlier.GetValueOrDefault(document.AwardId!.Value);
            var after = current.GetValueOrDefault(document.EntryId!.Value);
            if (!DocumentRules.SurvivesAddendum(document.Kind, before is null ? null : (before.Amount, before.Place, before.Final),
                    after is null ? null : (after.Amount, after.Place, after.Final)))
            {
                document.Void(document.Kind == DocumentKind.Contract
                    ? $"Adenda {addendum.Code}: el monto aprobado cambió tras la apelación."
                    : $"Adenda {addendum.Code}: el premio cambió tras la apelación.", userId, now);
            }
        }
    }

    /// <summary>
    /// In a round of plans, each entry's outcome as the acta approved it (approved from the qualifying score, whether
    /// or not money was left for it): what the "rejected twice" rule counts when the organization presents again. An
    /// addendum records it again.
    /// </summary>
    private async Task RecordPlanOutcomesAsync(ContestRound round, RoundResults results, CancellationToken ct)
    {
        if (round.Level != RoundLevel.Organizations)
        {
            return;
        }
        var outcomes = results.Rows.ToDictionary(r => r.Result.Entry.EntryId, r => r.Result.Rank!.Approved ? PlanOutcome.Approved : PlanOutcome.NotApproved);
        foreach (var entry in await db.Entries.Where(e => e.RoundId == round.Id).ToListAsync(ct))
        {
            if (outcomes.TryGetValue(entry.Id, out var outcome))
            {
                entry.RecordOutcome(outcome);
            }
        }
    }

    /// <summary>The next acta number of a local office's sequence for a year (the unique index settles a race).</summary>
    public static async Task<int> NextNumberAsync(ContestsDbContext db, int localOfficeId, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.Actas.Where(a => a.LocalOfficeId == localOfficeId && a.Year == year).MaxAsync(a => a.Number, ct) ?? 0) + 1;
    }

    /// <summary>The default end of the appeals window shown on the form: <see cref="DefaultAppealDays"/> days after today in Lima.</summary>
    public string DefaultAppealsUntil() =>
        LimaInput.DateValue(LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime).Date.AddDays(DefaultAppealDays));

    private async Task<(Acta? Acta, Result? Refusal)> OpenActaAsync(ContestRound round, CancellationToken ct)
    {
        var acta = await ActaAsync(round.Id, ct);
        if (acta is null)
        {
            return (null, Result.Fail(new DomainError("Acta.NoSession")));
        }
        if (acta.Approved)
        {
            return (null, Result.Fail(new DomainError("Acta.Approved")));
        }
        if (!acta.IsOpenIn(round.Phase))
        {
            return (null, Result.Fail(new DomainError("Acta.RoundNotInReview")));
        }
        return (acta, null);
    }

    private Task<List<LracMember>> MembersAsync(int roundId, CancellationToken ct) =>
        db.LracMembers.Where(m => m.RoundId == roundId && m.Active).ToListAsync(ct);

    private async Task<List<EntryTies>> TiesAsync(int roundId, CancellationToken ct) =>
        await db.Entries.Where(e => e.RoundId == roundId && e.Status == EntryStatus.Registered)
            .Select(e => new EntryTies(e.Id, e.HouseholdId, e.CommunityId, e.OrganizationId)).ToListAsync(ct);

    private static QuorumCount Count(Acta? acta, IReadOnlyList<LracMember> members)
    {
        var voting = members.Count(m => Quorum.Votes(m.Role));
        var present = acta?.Approved == true
            ? acta.VotingPresent!.Value
            : members.Count(m => Quorum.Votes(m.Role) && acta?.Present.Contains(m.Id) == true);
        return new QuorumCount(acta?.VotingMembers ?? voting, present, Quorum.Needed(acta?.VotingMembers ?? voting));
    }

    private static DateTime? ParseHeld(string? text, DateWindow window, List<DomainError> errors)
    {
        var clean = Text.Clean(text);
        if (clean is null)
        {
            errors.Add(new DomainError("Validation.Required", "Held", new FieldLabel("Held")));
            return null;
        }
        if (!LimaInput.TryParseDateTime(clean, out var held))
        {
            errors.Add(new DomainError("Acta.HeldFormat", "Held", clean));
            return null;
        }
        if (window.Check(DateOnly.FromDateTime(LimaTime.FromUtc(held)), "Held") is { } outside)
        {
            // The acta prints it and the public page shows it: "sesión del 1/01/0001" must never be either.
            errors.Add(outside);
            return null;
        }
        return held;
    }

    private static DateTime? ParseAppealsUntil(string? text, List<DomainError> errors)
    {
        var clean = Text.Clean(text);
        if (clean is null)
        {
            errors.Add(new DomainError("Validation.Required", "AppealsUntil", new FieldLabel("AppealsUntil")));
            return null;
        }
        if (!LimaInput.TryParseDate(clean, out var day))
        {
            errors.Add(new DomainError("Acta.DateFormat", "AppealsUntil", clean));
            return null;
        }
        return LimaTime.ToUtc(day.AddHours(23).AddMinutes(59));
    }
}

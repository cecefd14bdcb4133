using System.Security.Claims;
using Contests.Core.Accounts;
using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Features.Allocation;
using Contests.Web.Features.Judging;
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
/// This class reads: who may see or run the session, and its page. The steps are one class each:
/// <see cref="OpenSession"/>, <see cref="RecordSession"/> (attendance, overrides), <see cref="ApproveActa"/>.
/// </summary>
public sealed class Sessions(ContestsDbContext db, SessionActas actas, Scoreboard scoreboard, Allocations allocations, Presidency presidency,
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

    public async Task<SessionPage> PageAsync(ContestRound round, SessionAccess access, CancellationToken ct, int? actaId = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(access);
        var acta = actaId is { } id ? await actas.ActaAsync(round.Id, id, ct) : await actas.ActaAsync(round.Id, ct);
        var members = await actas.MembersAsync(round.Id, ct);
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
        var awaiting = round.Phase == RoundPhase.Published ? (await actas.AwaitingAddendumAsync(round.Id, ct)).Count : 0;
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

    /// <summary>The default end of the appeals window shown on the form: <see cref="DefaultAppealDays"/> days after today in Lima.</summary>
    public string DefaultAppealsUntil() =>
        LimaInput.DateValue(LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime).Date.AddDays(DefaultAppealDays));

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
}

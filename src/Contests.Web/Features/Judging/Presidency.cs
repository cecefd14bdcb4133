using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

/// <summary>A sheet as the LRAC president sees it on their board: whose, of which entry, its state — never its points.</summary>
public sealed record CommitteeSheet(int SheetId, int EntryNumber, string Competitor, string Pool, string Part, string Juror, SheetState State,
    DateTime? SubmittedUtc, int Reopened, bool Conflicted, SheetProgress Progress);

/// <summary>The president's board of a round being judged.</summary>
public sealed record CommitteeBoard(int RoundId, string Round, RoundPhase Phase, LracMember Seat, IReadOnlyList<CommitteeSheet> Sheets);

/// <summary>
/// What the LRAC president does from their phone, beside scoring: follow the committee's sheets and
/// reopen a submitted one with a reason (docs/architecture.md#rules-judging: only the president or an officer reopens). The
/// board shows states, not scores; the president can't reopen a sheet of an entry they are conflicted
/// with (their own household, community, organization or a declared conflict) — an officer does that.
/// Anyone who is not the active president of the round finds nothing here. The board stays readable after
/// judging; reopening is for the judging phase only (<see cref="ReopenSheet.ReopenAsync"/> says so otherwise).
/// </summary>
public sealed class Presidency(ContestsDbContext db, Lrac lrac, SheetFacts facts, SheetAccess access, ReopenSheet reopen)
{
    /// <summary>The user's active president seat in the round, or null.</summary>
    public Task<LracMember?> SeatAsync(int roundId, int userId, CancellationToken ct) =>
        db.LracMembers.SingleOrDefaultAsync(m => m.RoundId == roundId && m.UserId == userId && m.Active && m.Role == LracRole.President, ct);

    /// <summary>The rounds being judged where the user presides (for their list of sheets).</summary>
    public async Task<IReadOnlyDictionary<int, string>> RoundsAsync(int userId, CancellationToken ct) =>
        await (from m in db.LracMembers
               join r in db.Rounds on m.RoundId equals r.Id
               where m.UserId == userId && m.Active && m.Role == LracRole.President && r.Phase == RoundPhase.Judging
               select new { r.Id, r.Name }).ToDictionaryAsync(r => r.Id, r => r.Name, ct);

    /// <summary>The rounds in review or published where the user sits on the committee (for the session's link).</summary>
    public async Task<IReadOnlyDictionary<int, string>> SessionRoundsAsync(int userId, CancellationToken ct) =>
        await (from m in db.LracMembers
               join r in db.Rounds on m.RoundId equals r.Id
               where m.UserId == userId && m.Active && (r.Phase == RoundPhase.Review || r.Phase == RoundPhase.Published)
               select new { r.Id, r.Name }).ToDictionaryAsync(r => r.Id, r => r.Name, ct);

    public async Task<CommitteeBoard?> BoardAsync(int roundId, int userId, CancellationToken ct)
    {
        var seat = await SeatAsync(roundId, userId, ct);
        if (seat is null)
        {
            return null;
        }
        var round = await db.Rounds.Where(r => r.Id == roundId).Select(r => new { r.Name, r.Phase }).SingleAsync(ct);
        var parts = (await facts.RulesAsync(roundId, ct)).Rubric.Parts;
        var rows = await (from s in db.ScoreSheets
                          join m in db.LracMembers on s.JurorId equals m.Id
                          join e in db.Entries on s.EntryId equals e.Id
                          where m.RoundId == roundId && e.Status == EntryStatus.Registered
                          select new
                          {
                              s.Id, e.Number, EntryId = e.Id, e.CompetitorName, e.PoolName, e.HouseholdId, e.CommunityId, e.OrganizationId,
                              s.PartIndex, m.FullName, s.State, s.SubmittedUtc, s.Reopened, s.Revision,
                          }).ToListAsync(ct);
        var conflicted = await ConflictedAsync(seat,
            rows.Select(r => new EntryTies(r.EntryId, r.HouseholdId, r.CommunityId, r.OrganizationId)).DistinctBy(e => e.EntryId), ct);
        return new CommitteeBoard(roundId, round.Name, round.Phase, seat, [.. rows
            .OrderBy(r => r.Number).ThenBy(r => r.PartIndex).ThenBy(r => r.FullName, StringComparer.Ordinal)
            .Select(r => new CommitteeSheet(r.Id, r.Number, r.CompetitorName, r.PoolName, parts[r.PartIndex].Name, r.FullName, r.State,
                r.SubmittedUtc, r.Reopened, conflicted.Contains(r.EntryId), ScoreSheet.ProgressOf(r.State, r.Revision)))]);
    }

    /// <summary>Reopens a submitted sheet of the round; null when the user isn't its president or the sheet isn't the round's.</summary>
    public async Task<Result?> ReopenAsync(int roundId, int sheetId, int userId, string? reason, CancellationToken ct)
    {
        var seat = await SeatAsync(roundId, userId, ct);
        var sheet = seat is null ? null : await access.OfRoundAsync(roundId, sheetId, ct);
        if (seat is null || sheet is null)
        {
            return null;
        }
        var entry = await db.Entries.Where(e => e.Id == sheet.EntryId)
            .Select(e => new EntryTies(e.Id, e.HouseholdId, e.CommunityId, e.OrganizationId)).SingleAsync(ct);
        if ((await ConflictedAsync(seat, [entry], ct)).Count > 0)
        {
            return Result.Fail(new DomainError("Presidency.Conflicted"));
        }
        return await reopen.ReopenAsync(sheet, reason, byPresidentOrOfficer: true, ct);
    }

    /// <summary>Which of <paramref name="entries"/> the president is conflicted with (register ties or declared).</summary>
    /// <summary>Which of the entries the member is conflicted with (register ties or a declared conflict).</summary>
    public async Task<HashSet<int>> ConflictedAsync(LracMember seat, IEnumerable<EntryTies> entries, CancellationToken ct)
    {
        var ties = (await lrac.TiesAsync([seat], ct))[seat.Id];
        return [.. entries.Where(e => Conflicts.Between(ties, e).Count > 0).Select(e => e.EntryId)];
    }
}

using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

/// <summary>A sheet in a juror's list.</summary>
public sealed record MySheetRow(int SheetId, int RoundId, string Round, int EntryId, int EntryNumber, string Competitor, string Pool, string Part, SheetState State, int Revision);

/// <summary>
/// Which sheets a user reaches. Access is by resource: a juror reaches a sheet only through their own active seat —
/// an entry they weren't assigned or declared a conflict with has no sheet of theirs, so there is nothing to open;
/// an officer reaches the sheets of a round (the route's policy has already said they may).
/// </summary>
public sealed class SheetAccess(ContestsDbContext db, SheetFacts facts)
{
    /// <summary>The juror's sheets in rounds being judged, by round, entry number and part.</summary>
    public async Task<IReadOnlyList<MySheetRow>> MineAsync(int userId, CancellationToken ct)
    {
        var rows = await (from s in db.ScoreSheets
                          join m in db.LracMembers on s.JurorId equals m.Id
                          join e in db.Entries on s.EntryId equals e.Id
                          join r in db.Rounds on m.RoundId equals r.Id
                          where m.UserId == userId && m.Active && e.Status == EntryStatus.Registered
                              && (r.Phase == RoundPhase.Judging
                                  || (r.Phase == RoundPhase.Published && db.Appeals.Where(Appeal.IsAwaitingAddendum).Any(a => a.EntryId == e.Id)))
                          select new { s.Id, RoundId = r.Id, r.Name, EntryId = e.Id, e.Number, e.CompetitorName, e.PoolName, s.PartIndex, s.State, s.Revision })
            .ToListAsync(ct);
        var parts = new Dictionary<int, IReadOnlyList<RubricPart>>();
        foreach (var roundId in rows.Select(r => r.RoundId).Distinct())
        {
            parts[roundId] = (await facts.RulesAsync(roundId, ct)).Rubric.Parts;
        }
        return [.. rows.OrderBy(x => x.RoundId).ThenBy(x => x.PartIndex).ThenBy(x => x.Number)
            .Select(x => new MySheetRow(x.Id, x.RoundId, x.Name, x.EntryId, x.Number, x.CompetitorName, x.PoolName, parts[x.RoundId][x.PartIndex].Name, x.State, x.Revision))];
    }

    /// <summary>The sheet if it is the user's (through an active seat); null for anyone else's.</summary>
    public Task<ScoreSheet?> OfJurorAsync(int sheetId, int userId, CancellationToken ct) =>
        (from s in db.ScoreSheets
         join m in db.LracMembers on s.JurorId equals m.Id
         where s.Id == sheetId && m.UserId == userId && m.Active
         select s).SingleOrDefaultAsync(ct);

    /// <summary>The sheet if it belongs to the round (for officers).</summary>
    public Task<ScoreSheet?> OfRoundAsync(int roundId, int sheetId, CancellationToken ct) =>
        (from s in db.ScoreSheets
         join m in db.LracMembers on s.JurorId equals m.Id
         where s.Id == sheetId && m.RoundId == roundId
         select s).SingleOrDefaultAsync(ct);
}

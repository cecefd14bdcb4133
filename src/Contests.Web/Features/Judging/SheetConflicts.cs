using Contests.Core.Judging;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

/// <summary>
/// Which sheets' jurors are conflicted with their entries now — read from the registry as it stands at the
/// moment of the action (a partner registered with a juror's DNI, a household moved, a conflict declared),
/// never remembered from the assignment; Core's <see cref="Conflicts.Between"/> decides. Used to block a
/// sheet (<see cref="SaveSheet"/>, <see cref="SheetPages"/>) and to exclude and flag submitted ones (<see cref="Scoreboard"/>).
/// </summary>
public sealed class SheetConflicts(ContestsDbContext db)
{
    /// <summary>The conflicts of the sheet's juror with its entry (empty when there is none).</summary>
    public async Task<IReadOnlyList<Conflict>> OfSheetAsync(ScoreSheet sheet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var juror = await db.LracMembers.AsNoTracking().SingleAsync(m => m.Id == sheet.JurorId, ct);
        var entry = await db.Entries.Where(e => e.Id == sheet.EntryId)
            .Select(e => new EntryTies(e.Id, e.HouseholdId, e.CommunityId, e.OrganizationId)).SingleAsync(ct);
        var ties = await Lrac.TiesAsync(db, [juror], ct);
        return Conflicts.Between(ties[juror.Id], entry);
    }

    /// <summary>Every conflicted sheet of the round, by sheet id, with its reasons (a few queries for the whole round).</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<Conflict>>> OfRoundAsync(int roundId, CancellationToken ct)
    {
        var members = await db.LracMembers.AsNoTracking().Where(m => m.RoundId == roundId).ToListAsync(ct);
        if (members.Count == 0)
        {
            return new Dictionary<int, IReadOnlyList<Conflict>>();
        }
        var memberIds = members.Select(m => m.Id).ToList();
        var sheets = await db.ScoreSheets.Where(s => memberIds.Contains(s.JurorId)).Select(s => new { s.Id, s.EntryId, s.JurorId }).ToListAsync(ct);
        var entries = await db.Entries.Where(e => e.RoundId == roundId)
            .Select(e => new EntryTies(e.Id, e.HouseholdId, e.CommunityId, e.OrganizationId)).ToDictionaryAsync(e => e.EntryId, ct);
        var ties = await Lrac.TiesAsync(db, members, ct);
        var found = new Dictionary<int, IReadOnlyList<Conflict>>();
        foreach (var sheet in sheets)
        {
            if (entries.TryGetValue(sheet.EntryId, out var entry) && Conflicts.Between(ties[sheet.JurorId], entry) is { Count: > 0 } conflicts)
            {
                found.Add(sheet.Id, conflicts);
            }
        }
        return found;
    }
}

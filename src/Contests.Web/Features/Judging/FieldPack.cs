using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

/// <summary>
/// What a juror's phone keeps for scoring without signal ("Preparar para el campo"): each sheet they may score now,
/// with only what the sheet page shows — the entry's number, family name and pool, the criteria, the "before" record,
/// the sheet as saved and the links of its photos' field copies (≤ 640 px, ≤ 60 KB: the phone copies would make 20 sheets
/// weigh about 4 MB) — the first ones of each entry, as many as the pack's photo budget allows for its number of sheets
/// (<see cref="Contests.Core.Rounds.ImageCheck.FieldPhotosPerSheet"/>). No DNI, no address, nothing of other jurors.
/// The same access rule as the sheet itself: the juror's own active seats (<see cref="SheetAccess.MineAsync"/>), and a
/// sheet blocked by a conflict found in the registry now is left out (opening it answers 403 with the reason).
/// </summary>
public sealed class FieldPack(ContestsDbContext db, SheetAccess access, SheetFacts facts)
{
    public async Task<IReadOnlyList<FieldSheet>> OfJurorAsync(int userId, CancellationToken ct)
    {
        var rows = await access.MineAsync(userId, ct);
        if (rows.Count == 0)
        {
            return [];
        }
        var conflicts = new SheetConflicts(db);
        var blocked = new HashSet<int>();
        foreach (var roundId in rows.Select(r => r.RoundId).Distinct())
        {
            blocked.UnionWith((await conflicts.OfRoundAsync(roundId, ct)).Keys);
        }
        var kept = rows.Where(r => !blocked.Contains(r.SheetId)).ToList();
        var sheetIds = kept.Select(r => r.SheetId).ToList();
        var entryIds = kept.Select(r => r.EntryId).Distinct().ToList();
        var saved = await db.ScoreSheets.AsNoTracking().Where(s => sheetIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var entries = await db.Entries.AsNoTracking().Include(e => e.Baseline).Include(e => e.Photos).AsSplitQuery()
            .Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var parts = new Dictionary<int, Contests.Core.Rounds.RoundRules>();
        foreach (var roundId in kept.Select(r => r.RoundId).Distinct())
        {
            parts[roundId] = await facts.RulesAsync(roundId, ct);
        }
        var photosPerSheet = Contests.Core.Rounds.ImageCheck.FieldPhotosPerSheet(kept.Count);
        return [.. kept.Select(r =>
        {
            var sheet = saved[r.SheetId];
            var entry = entries[r.EntryId];
            var part = parts[r.RoundId].Rubric.Parts[sheet.PartIndex];
            var url = $"/judging/sheets/{r.SheetId}";
            return new FieldSheet(r.SheetId, url, r.RoundId, r.Round, r.EntryNumber, r.Competitor, r.Pool, r.Part, r.State.ToString(), sheet.Revision,
                [.. part.Criteria.Select(c => new FieldCriterion(c.Name, c.MaxPoints, c.Weight))],
                [.. entry.Baseline.Select(b => new FieldBefore(b.Activity, b.Quantity, b.Unit))],
                sheet.Points, sheet.Achieved, sheet.Comments,
                [.. entry.Photos.OrderBy(p => p.Id).Take(photosPerSheet).Select(p => $"{url}/photos/{p.Id}/field")]);
        })];
    }
}

/// <summary>One sheet as the phone keeps it (see <see cref="FieldPack"/>).</summary>
public sealed record FieldSheet(int Id, string Url, int RoundId, string Round, int EntryNumber, string Competitor, string Pool, string Part,
    string State, int Revision, IReadOnlyList<FieldCriterion> Criteria, IReadOnlyList<FieldBefore> Before, IReadOnlyList<decimal?> Points,
    IReadOnlyList<decimal?> Achieved, string? Comments, IReadOnlyList<string> Photos);

public sealed record FieldCriterion(string Name, decimal MaxPoints, decimal Weight);

public sealed record FieldBefore(string Activity, decimal Quantity, string Unit);

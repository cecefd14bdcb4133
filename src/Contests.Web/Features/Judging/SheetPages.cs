using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

/// <summary>Everything the sheet page shows: the criteria, the entry's "before" and photos, the sheet as saved.</summary>
/// <remarks>
/// <see cref="Rescoring"/>: the round is published and an accepted appeal reopened the entry's sheets.
/// <see cref="Conflicts"/>: the juror's conflicts with the entry found now in the registry — the sheet is blocked.
/// </remarks>
public sealed record SheetPage(ScoreSheet Sheet, int RoundId, string Round, RoundPhase Phase, RubricPart Part, Entry Entry, LracMember Juror,
    string? TypedBy, bool Rescoring = false, IReadOnlyList<Conflict>? Conflicts = null)
{
    public bool Blocked => Conflicts is { Count: > 0 };

    public bool Editable => (Phase == RoundPhase.Judging || Rescoring) && Sheet.State == SheetState.Draft && !Blocked;
}

/// <summary>
/// What a sheet's pages show, for a sheet the caller already reached through <see cref="SheetAccess"/>: the page, the
/// entry's photos, and the juror's conflicts with the entry read from the registry as it is now (a conflict that
/// appeared after assignment blocks the sheet).
/// </summary>
public sealed class SheetPages(ContestsDbContext db, SheetFacts facts)
{
    private readonly SheetConflicts _conflicts = new(db);

    /// <summary>The juror's conflicts with the sheet's entry, from the registry as it is now.</summary>
    public Task<IReadOnlyList<Conflict>> ConflictsAsync(ScoreSheet sheet, CancellationToken ct) => _conflicts.OfSheetAsync(sheet, ct);

    /// <summary>The sheet's entry with its photos only (what serving one photo needs, not the whole page).</summary>
    public Task<Entry> EntryWithPhotosAsync(ScoreSheet sheet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return db.Entries.Include(e => e.Photos).SingleAsync(e => e.Id == sheet.EntryId, ct);
    }

    public async Task<SheetPage> PageAsync(ScoreSheet sheet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var juror = await db.LracMembers.SingleAsync(m => m.Id == sheet.JurorId, ct);
        var round = await db.Rounds.Where(r => r.Id == juror.RoundId).Select(r => new { r.Id, r.Name, r.Phase }).SingleAsync(ct);
        var entry = await db.Entries.Include(e => e.Baseline).Include(e => e.Photos).AsSplitQuery().SingleAsync(e => e.Id == sheet.EntryId, ct);
        var rules = await facts.RulesAsync(round.Id, ct);
        var typedBy = sheet.TypedByOfficerId is { } officer
            ? await db.Users.Where(u => u.Id == officer).Select(u => u.DisplayName).SingleAsync(ct)
            : null;
        return new SheetPage(sheet, round.Id, round.Name, round.Phase, rules.Rubric.Parts[sheet.PartIndex], entry, juror, typedBy,
            round.Phase == RoundPhase.Published && await facts.RescoringAsync(sheet.EntryId, ct), await _conflicts.OfSheetAsync(sheet, ct));
    }
}

using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

/// <summary>One juror's sheets: assigned (untouched), drafted (saved, not submitted), submitted.</summary>
public sealed record JurorProgress(LracMember Member, int Assigned, int Drafted, int Submitted)
{
    public int Total => Assigned + Drafted + Submitted;

    public int Missing => Assigned + Drafted;
}

/// <summary>
/// One sheet in the board: whose, in what state, whether an officer typed it from paper, and whether its juror is
/// now conflicted with the entry (blocked; when submitted, excluded from the results).
/// </summary>
public sealed record SheetCell(int SheetId, int JurorId, string Juror, SheetState State, bool Untouched, bool Typed, bool Conflicted = false)
{
    public SheetProgress Progress => State == SheetState.Submitted ? SheetProgress.Submitted : Untouched ? SheetProgress.Assigned : SheetProgress.Drafted;
}

/// <summary>An entry's sheets per part, and how many jurors the part needs.</summary>
public sealed record EntryProgress(int EntryId, int Number, string Competitor, string Pool, IReadOnlyList<IReadOnlyList<SheetCell>> Parts)
{
    public bool Complete(IReadOnlyList<RubricPart> parts) =>
        Parts.Select((sheets, p) => sheets.Count(s => s.State == SheetState.Submitted && !s.Conflicted) >= parts[p].MinJurors
            && sheets.All(s => s.State == SheetState.Submitted || s.Conflicted)).All(x => x);
}

public sealed record ProgressBoard(IReadOnlyList<RubricPart> Parts, IReadOnlyList<JurorProgress> Jurors, IReadOnlyList<EntryProgress> Entries)
{
    public int Sheets => Jurors.Sum(j => j.Total);

    public int Submitted => Jurors.Sum(j => j.Submitted);
}

/// <summary>An entry's results row with the names the ranking page shows.</summary>
public sealed record ResultRow(EntryResult Result, string Competitor, string Pool, bool Women);

public sealed record RoundResults(RoundRules Rules, IReadOnlyList<ResultRow> Rows, IReadOnlyDictionary<int, string> Jurors)
{
    public int Incomplete => Rows.Count(r => !r.Result.Complete);
}

/// <summary>
/// The progress board and the ranking of a round, both read from its sheets. A sheet whose juror is conflicted
/// with its entry — computed from the registry as it is now (<see cref="SheetConflicts"/>) — doesn't count:
/// it is flagged on the board, excluded from the results, and the move to review waits for its entry
/// (<see cref="ConflictedSheets.Coverage"/>).
/// </summary>
public sealed class Scoreboard(ContestsDbContext db)
{
    private readonly SheetConflicts _conflicts = new(db);

    public async Task<ProgressBoard?> ProgressAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.CurrentRules is not { } rules)
        {
            return null;
        }
        var parts = rules.Rules.Rubric.Parts;
        var members = await db.LracMembers.Where(m => m.RoundId == round.Id).OrderBy(m => m.FullName).ToListAsync(ct);
        var names = members.ToDictionary(m => m.Id, m => m.FullName);
        var memberIds = members.Select(m => m.Id).ToList();
        var sheets = await db.ScoreSheets.Where(s => memberIds.Contains(s.JurorId))
            .Select(s => new { s.Id, s.EntryId, s.JurorId, s.PartIndex, s.State, s.Revision, s.TypedByOfficerId }).ToListAsync(ct);
        var entries = await db.Entries.Where(e => e.RoundId == round.Id && e.Status == EntryStatus.Registered).OrderBy(e => e.Number)
            .Select(e => new { e.Id, e.Number, e.CompetitorName, e.PoolName }).ToListAsync(ct);
        var conflicted = await _conflicts.OfRoundAsync(round.Id, ct);
        var jurors = members.Select(m =>
        {
            var own = sheets.Where(s => s.JurorId == m.Id).ToList();
            var progress = own.Select(s => ScoreSheet.ProgressOf(s.State, s.Revision)).ToList();
            return new JurorProgress(m, progress.Count(p => p == SheetProgress.Assigned), progress.Count(p => p == SheetProgress.Drafted),
                progress.Count(p => p == SheetProgress.Submitted));
        }).ToList();
        var rows = entries.Select(e => new EntryProgress(e.Id, e.Number, e.CompetitorName, e.PoolName,
            [.. parts.Select((_, p) => (IReadOnlyList<SheetCell>)[.. sheets.Where(s => s.EntryId == e.Id && s.PartIndex == p)
                .OrderBy(s => names[s.JurorId])
                .Select(s => new SheetCell(s.Id, s.JurorId, names[s.JurorId], s.State, ScoreSheet.ProgressOf(s.State, s.Revision) == SheetProgress.Assigned, s.TypedByOfficerId != null,
                    conflicted.ContainsKey(s.Id)))])]))
            .ToList();
        return new ProgressBoard(parts, jurors, rows);
    }

    /// <summary>
    /// What judging still lacks (a phase guard: the round can't go to the LRAC's review with sheets missing):
    /// per active entry and part, the sheets of jurors free of conflict assigned but not submitted, the jurors
    /// short of the part's minimum, and the parts a conflicted submitted sheet leaves short (Core's
    /// <see cref="ConflictedSheets.Coverage"/>).
    /// </summary>
    public async Task<JudgingCoverage> MissingAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.CurrentRules is not { } version)
        {
            return new JudgingCoverage(0, 0);
        }
        var parts = version.Rules.Rubric.Parts;
        var entries = await db.Entries.Where(e => e.RoundId == round.Id && e.Status == EntryStatus.Registered).Select(e => e.Id).ToListAsync(ct);
        var sheets = await (from s in db.ScoreSheets
                            join m in db.LracMembers on s.JurorId equals m.Id
                            where m.RoundId == round.Id
                            select new { s.Id, s.EntryId, s.PartIndex, Submitted = s.State == SheetState.Submitted }).ToListAsync(ct);
        var conflicted = await _conflicts.OfRoundAsync(round.Id, ct);
        return ConflictedSheets.Coverage(parts, entries, sheets.Select(s => new SheetStanding(s.EntryId, s.PartIndex, s.Submitted, conflicted.ContainsKey(s.Id))));
    }

    public async Task<RoundResults?> ResultsAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.CurrentRules is not { } version)
        {
            return null;
        }
        var rules = version.Rules;
        var entries = await db.Entries.Where(e => e.RoundId == round.Id && e.Status == EntryStatus.Registered)
            .Select(e => new { e.Id, e.Number, e.CompetitorName, e.PoolKey, e.PoolName, e.Women }).ToListAsync(ct);
        var members = await db.LracMembers.Where(m => m.RoundId == round.Id).ToDictionaryAsync(m => m.Id, m => m.FullName, ct);
        var memberIds = members.Keys.ToList();
        var sheets = await db.ScoreSheets.Where(s => memberIds.Contains(s.JurorId) && s.State == SheetState.Submitted).ToListAsync(ct);
        var conflicted = await _conflicts.OfRoundAsync(round.Id, ct);
        var totals = sheets.Select(s => new SubmittedTotal(s.EntryId, s.JurorId, s.PartIndex, s.Total(rules.Rubric.Parts[s.PartIndex]),
            conflicted.ContainsKey(s.Id))).ToList();
        var bonus = rules.Prizes.WomenBonusPoints ?? 0m;
        var results = Core.Judging.Results.Compute(rules.Rubric, rules.Prizes.TieRule,
            [.. entries.Select(e => new EntryToScore(e.Id, e.Number, e.PoolKey, e.Women ? bonus : 0m))], totals);
        var byId = entries.ToDictionary(e => e.Id);
        return new RoundResults(rules, [.. results.Select(r => new ResultRow(r, byId[r.Entry.EntryId].CompetitorName, byId[r.Entry.EntryId].PoolName,
            byId[r.Entry.EntryId].Women))], members);
    }
}

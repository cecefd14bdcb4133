using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Features.Allocation;
using Contests.Web.Features.Judging;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Review;

/// <summary>An appeal as listed: the appeal and its entry's number and competitor.</summary>
public sealed record AppealRow(Appeal Appeal, int Number, string Competitor);

/// <summary>
/// The appeals page: the round, its approved acta (window), every appeal, the entries one may appeal, and — once
/// an accepted appeal's sheets are re-scored — what the recomputed allocation changes (<see cref="AwardDiff"/>);
/// <see cref="AwaitingSheets"/> counts entries whose reopened sheets are not all submitted again.
/// </summary>
public sealed record AppealsPage(ContestRound Round, SessionAccess Access, Acta? Acta, IReadOnlyList<AppealRow> Appeals,
    IReadOnlyList<(int EntryId, int Number, string Competitor)> Entries, IReadOnlyList<AwardChange>? Changes, int AwaitingSheets, bool WindowOpen);

public sealed class AppealForm
{
    public int? EntryId { get; set; }

    public string? Appellant { get; set; }

    public string? Grounds { get; set; }
}

public sealed class ResolveForm
{
    public bool? Accepted { get; set; }

    public string? Resolution { get; set; }
}

/// <summary>
/// Reclamos (docs/architecture.md#rules-review-publication-and-appeals): an officer records an appeal against an entry's published result within the acta's window;
/// the LRAC resolves it (an officer or the round's president records the decision with its reason). Accepting
/// reopens the entry's submitted sheets (audited, with the decision as the reason) so its jurors score it again while
/// the round stays published; the page then shows exactly which entries the recomputed allocation changes. The
/// addendum acta that approves the new version (and settles the appeal) is the next step; until then the round
/// can't become final.
/// </summary>
public sealed class Appeals(ContestsDbContext db, Scoreboard scoreboard, Allocations allocations, TimeProvider clock)
{
    public async Task<AppealsPage> PageAsync(ContestRound round, SessionAccess access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var acta = await ApprovedActaAsync(round.Id, ct);
        var entries = await db.Entries.Where(e => e.RoundId == round.Id && e.Status == EntryStatus.Registered).OrderBy(e => e.Number)
            .Select(e => new { e.Id, e.Number, e.CompetitorName }).ToListAsync(ct);
        var byId = entries.ToDictionary(e => e.Id);
        var appeals = await db.Appeals.Where(a => a.RoundId == round.Id).OrderBy(a => a.ReceivedUtc).ThenBy(a => a.Id).ToListAsync(ct);
        IReadOnlyList<AwardChange>? changes = null;
        var awaiting = 0;
        var accepted = appeals.Where(a => a.Open && a.State == AppealState.Accepted).Select(a => a.EntryId).ToHashSet();
        if (accepted.Count > 0 && await scoreboard.ResultsAsync(round, ct) is { } results)
        {
            awaiting = results.Rows.Count(r => !r.Result.Complete && accepted.Contains(r.Result.Entry.EntryId));
            if (results.Incomplete == 0 && await allocations.PreviewAsync(round, results, null, ct) is { } recomputed)
            {
                var current = await db.Awards.Where(a => a.RoundId == round.Id && a.Current).ToListAsync(ct);
                changes = AwardDiff.Between(current, recomputed.Awards);
            }
        }
        return new AppealsPage(round, access, acta,
            [.. appeals.Select(a => new AppealRow(a, byId[a.EntryId].Number, byId[a.EntryId].CompetitorName))],
            [.. entries.Select(e => (e.Id, e.Number, e.CompetitorName))], changes, awaiting,
            round.Phase == RoundPhase.Published && acta?.AppealsUntilUtc >= clock.GetUtcNow().UtcDateTime);
    }

    public async Task<Result> RecordAsync(ContestRound round, AppealForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var acta = await ApprovedActaAsync(round.Id, ct);
        if (round.Phase != RoundPhase.Published || acta is null)
        {
            return Result.Fail(new DomainError("Appeal.NotPublished"));
        }
        var entry = form.EntryId is { } id
            ? await db.Entries.AnyAsync(e => e.Id == id && e.RoundId == round.Id && e.Status == EntryStatus.Registered, ct)
            : false;
        var errors = new List<DomainError>();
        if (!entry)
        {
            errors.Add(new DomainError("Appeal.ChooseEntry", "EntryId"));
        }
        var appeal = Appeal.Record(acta, form.EntryId ?? 0, form.Appellant, form.Grounds, userId, clock.GetUtcNow().UtcDateTime, errors);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        db.Appeals.Add(appeal!);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>The LRAC's decision. Accepted: the entry's submitted sheets are reopened with the decision as their reason, in the same save.</summary>
    public async Task<Result> ResolveAsync(ContestRound round, int appealId, ResolveForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var appeal = await db.Appeals.SingleOrDefaultAsync(a => a.Id == appealId && a.RoundId == round.Id, ct);
        if (appeal is null)
        {
            return Result.Fail(new DomainError("Appeal.NotFound"));
        }
        if (form.Accepted is not { } accepted)
        {
            return Result.Fail(new DomainError("Appeal.ChooseDecision", "Accepted"));
        }
        var result = appeal.Resolve(accepted, form.Resolution, userId, clock.GetUtcNow().UtcDateTime);
        if (!result.Succeeded)
        {
            return result;
        }
        if (accepted)
        {
            var sheets = await (from s in db.ScoreSheets
                                join m in db.LracMembers on s.JurorId equals m.Id
                                where s.EntryId == appeal.EntryId && m.RoundId == round.Id && s.State == SheetState.Submitted
                                select s).ToListAsync(ct);
            foreach (var sheet in sheets)
            {
                var reopened = sheet.Reopen(appeal.Resolution, byPresidentOrOfficer: true);
                if (!reopened.Succeeded)
                {
                    db.ChangeTracker.Clear();
                    return reopened;
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    private Task<Acta?> ApprovedActaAsync(int roundId, CancellationToken ct) =>
        db.Actas.AsNoTracking().LatestApproved(roundId).FirstOrDefaultAsync(ct);
}

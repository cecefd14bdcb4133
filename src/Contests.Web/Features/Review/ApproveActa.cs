using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Features.Allocation;
using Contests.Web.Features.Judging;
using Contests.Web.Features.Rounds;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Review;

/// <summary>
/// Approves the open acta: quorum, complete results and an allocation that fits; numbers the acta in its local
/// office's yearly sequence, stores the awards and publishes the round with its appeals window — or, for an
/// addendum, supersedes the earlier awards, settles the appeals it answers and voids the documents it changes —
/// all in one transaction.
/// </summary>
public sealed class ApproveActa(ContestsDbContext db, SessionActas actas, Scoreboard scoreboard, Allocations allocations, PhaseMoves phases,
    TimeProvider clock)
{
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
        var (acta, refusal) = await actas.OpenActaAsync(round, ct);
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
        var members = (await actas.MembersAsync(round.Id, ct)).ToDictionary(m => m.Id, m => m.Role);
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
            foreach (var appeal in await actas.AwaitingAddendumAsync(round.Id, ct))
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

using Contests.Core.Common;
using Contests.Core.Payouts;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Features.Review;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Rounds;

/// <summary>Puts dated phase changes in the scheduler (Hangfire) and takes them out. Implementations must be idempotent per schedule id.</summary>
public interface IPhaseScheduler
{
    Task ScheduleAsync(int roundId, int scheduleId, DateTime dueUtc, CancellationToken ct);

    Task UnscheduleAsync(int scheduleId, CancellationToken ct);
}

/// <summary>
/// Moves a round between phases, by hand or when a scheduled date comes. The guards' facts are
/// counted here from the data; the rules stay in <see cref="RoundPhases"/>. A scheduled move runs at
/// most once in effect: the schedule row is checked and settled in the same transaction as the phase
/// (and the round's revision makes a racing second firing fail and find it settled).
/// </summary>
public sealed class PhaseMoves(ContestsDbContext db, IPhaseScheduler scheduler, TimeProvider clock, ILogger<PhaseMoves> logger,
    Judging.Scoreboard scoreboard)
{
    /// <summary>The phases a calendar may date (the later ones wait for the acta, the appeals and the payouts).</summary>
    public static readonly IReadOnlyList<RoundPhase> Schedulable = [RoundPhase.Open, RoundPhase.RegistrationClosed, RoundPhase.Judging, RoundPhase.Review];

    public async Task<PhaseFacts> FactsAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var active = db.Entries.Where(e => e.RoundId == round.Id && e.Status == EntryStatus.Registered);
        var rules = round.CurrentRules?.Rules;
        var acta = await db.Actas.LatestApproved(round.Id).Select(a => new { a.AppealsUntilUtc }).FirstOrDefaultAsync(ct);
        var judging = await scoreboard.MissingAsync(round, ct);
        return new PhaseFacts
        {
            HasRubric = rules is not null,
            HasBudget = rules is not null && rules.Prizes.Budget > 0,
            Entries = await active.CountAsync(ct),
            MissingBaselines = await active.CountAsync(e => !e.Baseline.Any(), ct),
            MissingScoreSheets = judging.Missing,
            ShortByConflict = judging.ShortByConflict,
            // An approved acta had quorum (approval refuses without). The appeals window is over once its
            // end has passed; open appeals (pending, or accepted and awaiting the addendum) hold the round
            // too. A round closes once every award with money has its payouts and each is paid (or was
            // replaced by a reissue that is).
            ActaApprovedWithQuorum = acta is not null,
            AppealsWindowOver = acta?.AppealsUntilUtc is { } until && until <= clock.GetUtcNow().UtcDateTime,
            OpenAppeals = await db.Appeals.Where(a => a.RoundId == round.Id).CountAsync(Appeal.IsOpen, ct),
            PayoutsOutstanding = await db.Payouts.CountAsync(p => p.RoundId == round.Id
                    && p.State != PayoutState.Paid && p.State != PayoutState.Reissued, ct)
                + await db.Awards.CountAsync(a => a.RoundId == round.Id && a.Current && a.Amount > 0
                    && !db.Payouts.Any(p => p.AwardId == a.Id), ct),
            // A funded plan (a contract in force) is settled once closed out.
            PlansOpen = await db.DonationContracts
                .Where(c => c.RoundId == round.Id && db.Documents.Any(d => d.Id == c.DocumentId && d.State == Core.Documents.DocumentState.Valid)
                    && !db.PlanCloseOuts.Any(x => x.EntryId == c.EntryId))
                .Select(c => c.EntryId).Distinct().CountAsync(ct),
        };
    }

    public async Task<Result> MoveAsync(ContestRound round, RoundPhase to, bool confirmed, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var superseded = round.Schedule.Where(s => s.State == ScheduleState.Pending && s.ToPhase <= to).Select(s => s.Id).ToList();
        var result = round.MoveTo(to, await FactsAsync(round, ct), confirmed, userId, clock.GetUtcNow().UtcDateTime);
        if (!result.Succeeded)
        {
            return result;
        }
        await db.SaveChangesAsync(ct);
        foreach (var id in superseded)
        {
            await scheduler.UnscheduleAsync(id, ct);
        }
        return result;
    }

    /// <summary>Saves the calendar (Lima date-times as typed) and (re)schedules what changed.</summary>
    public async Task<Result> SaveCalendarAsync(ContestRound round, CalendarForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<DomainError>();
        var added = new List<ScheduledTransition>();
        var cancelled = new List<ScheduledTransition>();
        foreach (var phase in Schedulable)
        {
            var text = Text.Clean(form.Due.GetValueOrDefault(phase));
            var pending = round.Schedule.SingleOrDefault(s => s.ToPhase == phase && s.State == ScheduleState.Pending);
            if (text is null && pending is null)
            {
                continue;
            }
            DateTime? dueUtc = null;
            if (text is not null)
            {
                if (!Shared.LimaInput.TryParseDateTime(text, out var due))
                {
                    errors.Add(new DomainError("Schedule.Format", "Due." + phase, text));
                    continue;
                }
                dueUtc = due;
            }
            var (result, add, cancel) = round.ScheduleMove(phase, dueUtc, now);
            errors.AddRange(result.Errors);
            if (add is not null)
            {
                added.Add(add);
            }
            if (cancel is not null)
            {
                cancelled.Add(cancel);
            }
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result.Fail(errors);
        }
        await db.SaveChangesAsync(ct);
        foreach (var item in cancelled)
        {
            await scheduler.UnscheduleAsync(item.Id, ct);
        }
        foreach (var item in added)
        {
            await scheduler.ScheduleAsync(round.Id, item.Id, item.DueUtc, ct);
        }
        return Result.Success();
    }

    /// <summary>
    /// What the scheduler's job calls when a date comes. Returns what happened; a failed guard is
    /// recorded on the schedule (shown to the officer) and not retried.
    /// </summary>
    public async Task<ScheduleState?> RunScheduledAsync(int roundId, int scheduleId, CancellationToken ct)
    {
        var round = await db.Rounds.AsSplitQuery().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        var item = round?.Schedule.SingleOrDefault(s => s.Id == scheduleId);
        if (round is null || item is null)
        {
            logger.LogWarning("Scheduled phase change {ScheduleId} of round {RoundId} no longer exists.", scheduleId, roundId);
            return null;
        }
        if (item.State != ScheduleState.Pending)
        {
            logger.LogInformation("Scheduled phase change {ScheduleId} already {State}; nothing to do.", scheduleId, item.State);
            return item.State;
        }
        var result = round.RunScheduled(scheduleId, await FactsAsync(round, ct), clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed the round at the same moment (a person, or a second firing): read it
            // again; if the schedule got settled there, that was the one run.
            db.ChangeTracker.Clear();
            logger.LogInformation("Round {RoundId} changed while running schedule {ScheduleId}; trying again once.", roundId, scheduleId);
            return await RunAgainAsync(roundId, scheduleId, ct);
        }
        if (!result.Succeeded)
        {
            logger.LogWarning("Scheduled phase change {ScheduleId} of round {RoundId} to {Phase} could not happen: {Codes}",
                scheduleId, roundId, item.ToPhase, string.Join(", ", result.Errors.Select(e => e.Code)));
        }
        return item.State;
    }

    /// <summary>Puts every pending dated change in the scheduler (at start-up: a crash between saving and scheduling loses nothing).</summary>
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var pending = await db.Rounds.AsNoTracking().IgnoreAutoIncludes().SelectMany(r => r.Schedule)
            .Where(s => s.State == ScheduleState.Pending).Select(s => new { s.RoundId, s.Id, s.DueUtc }).ToListAsync(ct);
        foreach (var item in pending)
        {
            await scheduler.ScheduleAsync(item.RoundId, item.Id, item.DueUtc, ct);
        }
        return pending.Count;
    }

    private async Task<ScheduleState?> RunAgainAsync(int roundId, int scheduleId, CancellationToken ct)
    {
        var round = await db.Rounds.AsSplitQuery().SingleAsync(r => r.Id == roundId, ct);
        var item = round.Schedule.Single(s => s.Id == scheduleId);
        if (item.State != ScheduleState.Pending)
        {
            return item.State;
        }
        round.RunScheduled(scheduleId, await FactsAsync(round, ct), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return item.State;
    }
}

using Contests.Core.Common;
using Contests.Core.Payouts;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Payouts;

/// <summary>A payout on the round's page, with the account the registry holds now for its winner.</summary>
public sealed record PayoutRow(Payout Payout, BankAccount? Account, string? ApprovedBy);

public sealed record RoundPayoutsPage(ContestRound Round, IReadOnlyList<PayoutRow> Payouts, int AwardsToCreate, IReadOnlyList<PayoutBatch> Batches);

/// <summary>
/// The payouts of a round: created from its current awards once the results are final (the round moves to
/// Paying), the method chosen while pending, approved by a finance officer who didn't create them (all the
/// selected or none, every reason at once), later tranches' conditions recorded, cash receipts recorded,
/// approved bank payouts grouped into a batch for a time, failed ones reissued.
/// </summary>
public sealed class Payouts(ContestsDbContext db, IBatchScheduler scheduler, IOptions<PayoutOptions> options, Plans.FundedPlans plans, TimeProvider clock)
{
    public async Task<RoundPayoutsPage> PageAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.RoundId == round.Id)
            .OrderBy(p => p.EntryNumber).ThenBy(p => p.Tranche).ThenBy(p => p.Version).ToListAsync(ct);
        var accounts = await AccountsAsync(payouts.Select(p => p.EntryId).Distinct().ToList(), ct);
        var approverIds = payouts.Where(p => p.ApprovedByUserId is not null).Select(p => p.ApprovedByUserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => approverIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var withPayouts = payouts.Select(p => p.AwardId).ToHashSet();
        var toCreate = await db.Awards.CountAsync(a => a.RoundId == round.Id && a.Current && a.Amount > 0 && !withPayouts.Contains(a.Id), ct);
        var batchIds = payouts.Where(p => p.BatchId is not null).Select(p => p.BatchId!.Value).Distinct().ToList();
        var batches = await db.PayoutBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).OrderByDescending(b => b.Id).ToListAsync(ct);
        return new RoundPayoutsPage(round, [.. payouts.Select(p => new PayoutRow(p, accounts.GetValueOrDefault(p.EntryId),
            p.ApprovedByUserId is { } id ? names.GetValueOrDefault(id) : null))], toCreate, batches);
    }

    /// <summary>One payout per current award with money (per tranche for plans); the round moves to Paying.</summary>
    public async Task<(Result Result, int Created)> CreateAsync(ContestRound round, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var allowed = PayoutPlan.CanCreate(round.Phase);
        if (!allowed.Succeeded)
        {
            return (allowed, 0);
        }
        var awards = await db.Awards.AsNoTracking().Where(a => a.RoundId == round.Id && a.Current).ToListAsync(ct);
        var entryIds = awards.Select(a => a.EntryId).ToList();
        var names = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.CompetitorName, ct);
        var accounts = await AccountsAsync(entryIds, ct);
        var existing = (await db.Payouts.Where(p => p.RoundId == round.Id).Select(p => p.AwardId).Distinct().ToListAsync(ct)).ToHashSet();
        var drafts = PayoutPlan.For(round, awards.Select(a => new AwardToPay(a.Id, a.EntryId, a.Number, names[a.EntryId], a.Amount,
            [.. a.Funding.OrderBy(f => f.FundingSourceId).Select(f => (f.FundingSourceId, f.Amount))], accounts.ContainsKey(a.EntryId))), existing);
        if (drafts.Count == 0)
        {
            return (Result.Fail(new DomainError("Payout.NothingToCreate")), 0);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Payouts.AddRange(drafts.Select(d => PayoutPlan.Create(d, userId, now)));
        if (round.Phase == RoundPhase.Final)
        {
            var moved = round.MoveTo(RoundPhase.Paying, new PhaseFacts(), false, userId, now);
            if (!moved.Succeeded)
            {
                return (moved, 0);
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone created them a moment ago (one payout per award, tranche and version).
            db.ChangeTracker.Clear();
            return (Result.Fail(new DomainError("Payout.AlreadyCreated")), 0);
        }
        return (Result.Success(), drafts.Count);
    }

    public async Task<Result> ChangeMethodAsync(ContestRound round, int payoutId, PayoutMethod method, CancellationToken ct)
    {
        var payout = await FindAsync(round, payoutId, ct);
        if (payout is null)
        {
            return NotFound();
        }
        return await SaveAsync(payout.ChangeMethod(method), ct);
    }

    /// <summary>Approves the selected pending payouts: all of them, or none with every reason.</summary>
    public async Task<(Result Result, int Approved)> ApproveAsync(ContestRound round, IReadOnlyCollection<int> payoutIds, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(payoutIds);
        if (payoutIds.Count == 0)
        {
            return (Result.Fail(new DomainError("Payout.NoneSelected")), 0);
        }
        var payouts = await db.Payouts.Where(p => p.RoundId == round.Id && payoutIds.Contains(p.Id)).OrderBy(p => p.EntryNumber).ThenBy(p => p.Tranche).ToListAsync(ct);
        if (payouts.Count != payoutIds.Distinct().Count())
        {
            return (NotFound(), 0);
        }
        var accounts = await AccountsAsync(payouts.Select(p => p.EntryId).Distinct().ToList(), ct);
        var previous = await PreviousTranchesAsync(payouts, ct);
        // A later tranche's conditions are what its plan's receipts, deposits and reports meet, never a tick.
        var conditions = await plans.ConditionsMetAsync(payouts, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<DomainError>();
        foreach (var payout in payouts)
        {
            var account = accounts.GetValueOrDefault(payout.EntryId);
            var result = payout.Approve(userId, account is null ? null : AccountOf(account), previous.GetValueOrDefault(payout.Id),
                conditions.GetValueOrDefault(payout.Id), now);
            errors.AddRange(result.Errors);
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return (Result.Fail(errors), 0);
        }
        var saved = await SaveAsync(Result.Success(), ct);
        return (saved, saved.Succeeded ? payouts.Count : 0);
    }

    /// <summary>Cash at the ceremony: the signed or thumb-printed receipt makes the payout paid and is counted as paid by its sources.</summary>
    public async Task<Result> RecordReceiptAsync(ContestRound round, int payoutId, ReceiptForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var payout = await FindAsync(round, payoutId, ct);
        if (payout is null)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(LimaTime.FromUtc(now));
        var errors = new List<DomainError>();
        DateOnly paidOn = today;
        if (string.IsNullOrWhiteSpace(form.PaidOn))
        {
            errors.Add(new DomainError("Validation.Required", "PaidOn", new FieldLabel("PaidOn")));
        }
        else if (LimaInput.TryParseDate(form.PaidOn, out var day))
        {
            paidOn = DateOnly.FromDateTime(day);
        }
        else
        {
            errors.Add(new DomainError("Payout.DateFormat", "PaidOn", form.PaidOn));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var result = payout.RecordCashReceipt(form.ReceiptNumber, form.ReceivedBy, form.ThumbPrinted, paidOn, today, userId, now);
        if (result.Succeeded)
        {
            await RecordPaidAsync([payout], $"Pago en efectivo con recibo {payout.Reference}: {payout.EndToEndId}", userId, now, ct);
        }
        return await SaveAsync(result, ct);
    }

    /// <summary>A failed payout is replaced by a new pending one (the link kept); the old one is closed.</summary>
    public async Task<(Result Result, Payout? Reissue)> ReissueAsync(ContestRound round, int payoutId, PayoutMethod? method, int userId, CancellationToken ct)
    {
        var payout = await FindAsync(round, payoutId, ct);
        if (payout is null)
        {
            return (NotFound(), null);
        }
        var (result, reissue) = payout.Reissue(method ?? payout.Method, userId, clock.GetUtcNow().UtcDateTime);
        if (!result.Succeeded)
        {
            return (result, null);
        }
        db.Payouts.Add(reissue!);
        var saved = await SaveAsync(result, ct);
        return (saved, saved.Succeeded ? reissue : null);
    }

    /// <summary>
    /// Groups the selected approved bank payouts of the round into a batch executed at <paramref name="form"/>'s time (blank: now)
    /// and hands it to the scheduler. Scheduling after the commit: if the scheduler can't be reached, the batch is
    /// stored and the periodic reconciliation puts it in later.
    /// </summary>
    public async Task<(Result Result, PayoutBatch? Batch)> ScheduleAsync(ContestRound round, IReadOnlyCollection<int> payoutIds, BatchForm form, int userId,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(payoutIds);
        ArgumentNullException.ThrowIfNull(form);
        var now = clock.GetUtcNow().UtcDateTime;
        var executeAt = now;
        if (!string.IsNullOrWhiteSpace(form.ExecuteAt) && !LimaInput.TryParseDateTime(form.ExecuteAt, out executeAt))
        {
            return (Result.Fail(new DomainError("Batch.DateTimeFormat", "ExecuteAt", form.ExecuteAt)), null);
        }
        var payouts = await db.Payouts.Where(p => p.RoundId == round.Id && payoutIds.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
        if (payouts.Count != payoutIds.Distinct().Count())
        {
            return (NotFound(), null);
        }
        var (result, batch) = PayoutBatch.Create(payouts, executeAt, options.Value.Debtor, userId, now);
        if (!result.Succeeded)
        {
            return (result, null);
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.PayoutBatches.Add(batch!);
            await db.SaveChangesAsync(ct);
            foreach (var payout in payouts)
            {
                payout.Schedule(batch!.Id);
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A payout changed meanwhile (another batch took it): nothing is stored.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return (Result.Fail(new DomainError("Payout.ChangedMeanwhile")), null);
            }
            await transaction.CommitAsync(ct);
        }
        await scheduler.ScheduleAsync(batch!.Id, batch.ExecuteAtUtc, ct);
        return (Result.Success(), batch);
    }

    /// <summary>A person retries a batch that ran out of attempts: at once.</summary>
    public async Task<Result> RetryAsync(int batchId, CancellationToken ct)
    {
        var batch = await db.PayoutBatches.SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null)
        {
            return NotFound();
        }
        var result = await SaveAsync(batch.Retry(clock.GetUtcNow().UtcDateTime), ct);
        if (result.Succeeded)
        {
            await scheduler.ScheduleAsync(batch.Id, batch.ExecuteAtUtc, ct);
        }
        return result;
    }

    /// <summary>A batch that hasn't run is cancelled; its payouts go back to Approved for another batch.</summary>
    public async Task<Result> CancelAsync(int batchId, CancellationToken ct)
    {
        var batch = await db.PayoutBatches.SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null)
        {
            return NotFound();
        }
        var result = batch.Cancel();
        if (!result.Succeeded)
        {
            return result;
        }
        foreach (var payout in await db.Payouts.Where(p => p.BatchId == batchId && p.State == PayoutState.Scheduled).ToListAsync(ct))
        {
            payout.Unschedule();
        }
        result = await SaveAsync(result, ct);
        if (result.Succeeded)
        {
            await scheduler.UnscheduleAsync(batchId, ct);
        }
        return result;
    }

    /// <summary>What the paid payouts took from each funding source, recorded on the sources as one movement each.</summary>
    /// <remarks>The reason is stored in Spanish, as the programme's records are (es-PE).</remarks>
    internal async Task RecordPaidAsync(IReadOnlyCollection<Payout> paid, string reason, int? userId, DateTime nowUtc, CancellationToken ct)
    {
        var bySource = paid.SelectMany(p => p.Shares).GroupBy(s => s.FundingSourceId).ToDictionary(g => g.Key, g => g.Sum(s => s.Amount));
        if (bySource.Count == 0)
        {
            return;
        }
        var ids = bySource.Keys.ToList();
        foreach (var source in await db.FundingSources.Where(f => ids.Contains(f.Id)).ToListAsync(ct))
        {
            source.RecordPayouts(Money.Of(bySource[source.Id]), reason, userId, nowUtc);
        }
    }

    /// <summary>Each entry's account now in the registry for its winner: the newest active one.</summary>
    internal async Task<Dictionary<int, BankAccount>> AccountsAsync(IReadOnlyCollection<int> entryIds, CancellationToken ct)
    {
        var entries = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Level, e.HouseholdId, e.CommunityId, e.OrganizationId }).ToListAsync(ct);
        var households = entries.Where(e => e.Level == RoundLevel.Households).Select(e => e.HouseholdId!.Value).ToList();
        var communities = entries.Where(e => e.Level == RoundLevel.Communities).Select(e => e.CommunityId!.Value).ToList();
        var organizations = entries.Where(e => e.Level == RoundLevel.Organizations).Select(e => e.OrganizationId!.Value).ToList();
        var accounts = await db.BankAccounts.AsNoTracking().Where(a => a.IsActive
                && ((a.HouseholdId != null && households.Contains(a.HouseholdId.Value))
                    || (a.CommunityId != null && communities.Contains(a.CommunityId.Value))
                    || (a.OrganizationId != null && organizations.Contains(a.OrganizationId.Value))))
            .ToListAsync(ct);
        var newest = accounts.GroupBy(a => (a.HolderKind, a.HolderId)).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Id).First());
        var result = new Dictionary<int, BankAccount>();
        foreach (var e in entries)
        {
            var key = e.Level switch
            {
                RoundLevel.Households => (AccountHolderKind.Household, e.HouseholdId!.Value),
                RoundLevel.Communities => (AccountHolderKind.Community, e.CommunityId!.Value),
                _ => (AccountHolderKind.Organization, e.OrganizationId!.Value),
            };
            if (newest.TryGetValue(key, out var account))
            {
                result[e.Id] = account;
            }
        }
        return result;
    }

    private static PayoutAccount AccountOf(BankAccount a) => new(a.Id, a.BankName, a.AccountNumber, a.Cci, a.HolderName, a.IsVerified, a.IsActive);

    /// <summary>For each later tranche, the live payout of the tranche before it (the highest version).</summary>
    private async Task<Dictionary<int, Payout>> PreviousTranchesAsync(IReadOnlyCollection<Payout> payouts, CancellationToken ct)
    {
        var later = payouts.Where(p => p.Tranche > 1).ToList();
        if (later.Count == 0)
        {
            return [];
        }
        var awardIds = later.Select(p => p.AwardId).Distinct().ToList();
        var all = await db.Payouts.AsNoTracking().Where(p => awardIds.Contains(p.AwardId)).ToListAsync(ct);
        var result = new Dictionary<int, Payout>();
        foreach (var payout in later)
        {
            var previous = all.Where(p => p.AwardId == payout.AwardId && p.Tranche == payout.Tranche - 1).OrderByDescending(p => p.Version).FirstOrDefault();
            if (previous is not null)
            {
                result[payout.Id] = previous;
            }
        }
        return result;
    }

    private Task<Payout?> FindAsync(ContestRound round, int payoutId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        return db.Payouts.SingleOrDefaultAsync(p => p.Id == payoutId && p.RoundId == round.Id, ct);
    }

    private async Task<Result> SaveAsync(Result result, CancellationToken ct)
    {
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Fail(new DomainError("Payout.ChangedMeanwhile"));
        }
    }

    private static Result NotFound() => Result.Fail(new DomainError("Payout.NotFound"));
}

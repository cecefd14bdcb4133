using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Payouts;
using Contests.Core.Plans;
using Contests.Core.Rounds;
using Contests.Web.Features.Documents;
using Contests.Web.Features.Rounds;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Plans;

/// <summary>
/// A funded plan after its contract: its receipts, counterpart deposits and progress reports, the accounting computed
/// from them, and the next tranche's conditions as the figures meet them.
/// </summary>
public sealed record PlanPage(ContestRound Round, Entry Entry, DonationContract Contract, PlanTerm Term, IReadOnlyList<PlanReceipt> Receipts,
    IReadOnlyList<CounterpartDeposit> Deposits, IReadOnlyList<ProgressReport> Reports, IReadOnlyList<Payout> Tranches, PlanAccounting Accounting,
    int? NextTranche, IReadOnlyList<TrancheConditionStatus> NextConditions, PlanBalance Balance, PlanCloseOut? CloseOut, IssuedDocument? ClosingActa)
{
    public IReadOnlyList<string> ComponentNames => [.. Contract.Components.Select(c => c.Name)];

    /// <summary>The reports' attachments, by report, in the order they were attached.</summary>
    public ILookup<int, ReportAttachment> Attachments { get; init; } = Array.Empty<ReportAttachment>().ToLookup(a => a.ReportId);
}

/// <summary>
/// Funded plans (<c>rounds/{round}/plans/{entry}</c>): officers record receipts, counterpart deposits, progress reports and
/// the LRAC's approval of them; nothing is ticked by hand. <see cref="ConditionsMetAsync"/> is what the payout approval
/// reads for a later tranche.
/// </summary>
public sealed class FundedPlans(ContestsDbContext db, ReportAttachments attachments, ProofFiles proofs, TimeProvider clock)
{
    /// <summary>The plan's page, or null when the entry has no valid contract in this round.</summary>
    public async Task<PlanPage?> PageAsync(ContestRound round, int entryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.RoundId == round.Id, ct);
        var contract = entry is null ? null : await ContractAsync(entryId, ct);
        if (entry is null || contract is null)
        {
            return null;
        }
        // The term and budgets in force: the contract's as its valid addenda change them.
        var addenda = (await ContractAddenda.InForceAsync(db, [contract.Id], ct))[contract.Id];
        var term = PlanTerm.Of(contract, addenda);
        var receipts = await db.PlanReceipts.AsNoTracking().Where(r => r.EntryId == entryId).OrderBy(r => r.IssuedOn).ThenBy(r => r.Id).ToListAsync(ct);
        var deposits = await db.CounterpartDeposits.AsNoTracking().Where(d => d.EntryId == entryId).OrderBy(d => d.DepositedOn).ToListAsync(ct);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.EntryId == entryId).OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id).ToListAsync(ct);
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.EntryId == entryId && p.State != PayoutState.Reissued)
            .OrderBy(p => p.Tranche).ToListAsync(ct);
        var accounting = PlanAccounting.Compute(term, ContractAddendum.Effective(contract, addenda).Components, PaidTranches(payouts), receipts);
        var next = payouts.Where(p => p.Tranche > 1 && p.State == PayoutState.Pending).Select(p => (int?)p.Tranche).FirstOrDefault();
        var conditions = next is { } n ? TrancheConditions.Derive(n, accounting, deposits, reports) : [];
        var closeOut = await db.PlanCloseOuts.AsNoTracking().FirstOrDefaultAsync(c => c.EntryId == entryId, ct);
        var subject = CloseOuts.SubjectOf(entryId);
        var acta = closeOut is null ? null : await db.Documents.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Kind == DocumentKind.ClosingActa && d.SubjectKey == subject && d.State == DocumentState.Valid, ct);
        var attached = await db.ReportAttachments.AsNoTracking().Where(a => a.EntryId == entryId).OrderBy(a => a.Id).ToListAsync(ct);
        return new PlanPage(round, entry, contract, term, receipts, deposits, reports, payouts, accounting, next, conditions,
            PlanBalance.Of(accounting, closeOut is null ? [] : [closeOut.Refund]), closeOut, acta) { Attachments = attached.ToLookup(a => a.ReportId) };
    }

    public async Task<Result> RecordReceiptAsync(PlanPage page, ExpenseForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(form);
        if (PlanCloseOut.Refuses(page.CloseOut) is { Succeeded: false } closed)
        {
            return closed;
        }
        var errors = new List<DomainError>();
        var issued = Date(form.IssuedOn, "IssuedOn", errors);
        var amount = FormNumbers.Money(form.Amount, "Amount", errors);
        var (now, today) = Now();
        var ruc = Text.Clean(form.SupplierRuc);
        var number = PlanReceipt.NormalizeNumber(form.DocumentNumber);
        // Only the receipts that could be the same voucher: the unique index settles a race between two officers.
        var existing = await db.PlanReceipts.AsNoTracking().Where(r => r.SupplierRuc == ruc && r.DocumentNumber == number)
            .Select(r => new ReceiptKey(r.SupplierRuc, r.DocumentType, r.DocumentNumber)).ToListAsync(ct);
        var receipt = PlanReceipt.Record(page.Round.Id, page.Entry.Id,
            new ReceiptInput(issued, form.SupplierRuc, form.DocumentType, form.DocumentNumber, amount, form.PaidBy, form.Component),
            page.ComponentNames, existing, today, userId, now, errors);
        var file = await proofs.ReadAsync(form.File, nameof(form.File), errors, ct);
        if (receipt is null || errors.Count > 0)
        {
            return Result.Fail(OnePerField(errors));
        }
        if (file is { } read)
        {
            receipt.AttachFile(await proofs.StoreAsync(read, userId, ct), page.Tranches, page.CloseOut);
        }
        db.PlanReceipts.Add(receipt);
        return await SaveAsync(new DomainError("Receipt.Duplicate", "DocumentNumber", receipt.DocumentNumber, receipt.SupplierRuc), ct);
    }

    public async Task<Result> RecordDepositAsync(PlanPage page, DepositForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(form);
        if (PlanCloseOut.Refuses(page.CloseOut) is { Succeeded: false } closed)
        {
            return closed;
        }
        var errors = new List<DomainError>();
        var on = Date(form.DepositedOn, "DepositedOn", errors);
        var amount = FormNumbers.Money(form.Amount, "Amount", errors);
        var (now, today) = Now();
        var deposit = CounterpartDeposit.Record(page.Round.Id, page.Entry.Id, on, amount, form.BankReference, today, userId, now, errors);
        var file = await proofs.ReadAsync(form.File, nameof(form.File), errors, ct);
        if (deposit is null || errors.Count > 0)
        {
            return Result.Fail(OnePerField(errors));
        }
        if (file is { } read)
        {
            deposit.AttachFile(await proofs.StoreAsync(read, userId, ct), page.Tranches, page.CloseOut);
        }
        db.CounterpartDeposits.Add(deposit);
        return await SaveAsync(null, ct);
    }

    public async Task<Result> RecordReportAsync(PlanPage page, ReportForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(form);
        if (PlanCloseOut.Refuses(page.CloseOut) is { Succeeded: false } closed)
        {
            return closed;
        }
        var errors = new List<DomainError>();
        var received = Date(form.ReceivedOn, "ReceivedOn", errors);
        var percents = page.ComponentNames.Select((_, i) => FormNumbers.WholeNumber(i < form.Progress.Count ? form.Progress[i] : null, $"Progress[{i}]", errors, required: false))
            .ToList();
        var (now, today) = Now();
        var report = ProgressReport.Record(page.Round.Id, page.Entry.Id, page.Term, form.Kind, received, form.Narrative, page.ComponentNames, percents,
            today, userId, now, errors);
        var caption = ReportAttachment.CheckAttach(null, 0, form.Files.Count, required: false, form.Caption, nameof(form.Files), errors);
        var files = errors.Any(e => e.Field == nameof(form.Files)) ? [] : await attachments.ReadAsync(form.Files, nameof(form.Files), errors, ct);
        if (report is null || errors.Count > 0)
        {
            return Result.Fail(OnePerField(errors));
        }
        db.ProgressReports.Add(report);
        if (files.Count == 0)
        {
            return await SaveAsync(null, ct);
        }
        // The report and its files together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await attachments.AddAsync(report, files, caption, userId, ct);
        await transaction.CommitAsync(ct);
        return Result.Success();
    }

    public async Task<Result> ApproveReportAsync(PlanPage page, int reportId, ApprovalForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(form);
        if (PlanCloseOut.Refuses(page.CloseOut) is { Succeeded: false } closed)
        {
            return closed;
        }
        var report = await db.ProgressReports.FirstOrDefaultAsync(r => r.Id == reportId && r.EntryId == page.Entry.Id, ct);
        if (report is null)
        {
            return Result.Fail(new DomainError("Report.NotFound"));
        }
        var errors = new List<DomainError>();
        var on = Date(form.ApprovedOn, "ApprovedOn", errors);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var result = report.Approve(form.ApprovalActa, on, Now().Today, userId);
        return result.Succeeded ? await SaveAsync(null, ct) : result;
    }

    /// <summary>
    /// For each later tranche among <paramref name="payouts"/>: the conditions its plan's records meet (none without a
    /// valid contract: there is nothing to account against).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyCollection<TrancheConditionKind>>> ConditionsMetAsync(IReadOnlyCollection<Payout> payouts,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payouts);
        var result = new Dictionary<int, IReadOnlyCollection<TrancheConditionKind>>();
        var later = payouts.Where(p => p.Tranche > 1).ToList();
        if (later.Count == 0)
        {
            return result;
        }
        var entryIds = later.Select(p => p.EntryId).Distinct().ToList();
        var receipts = (await db.PlanReceipts.AsNoTracking().Where(r => entryIds.Contains(r.EntryId)).ToListAsync(ct)).ToLookup(r => r.EntryId);
        var deposits = (await db.CounterpartDeposits.AsNoTracking().Where(d => entryIds.Contains(d.EntryId)).ToListAsync(ct)).ToLookup(d => d.EntryId);
        var reports = (await db.ProgressReports.AsNoTracking().Where(r => entryIds.Contains(r.EntryId)).ToListAsync(ct)).ToLookup(r => r.EntryId);
        var paid = (await db.Payouts.AsNoTracking().Where(p => entryIds.Contains(p.EntryId) && p.State != PayoutState.Reissued).ToListAsync(ct))
            .ToLookup(p => p.EntryId);
        var contracts = await ContractsAsync(entryIds, ct);
        var addenda = await ContractAddenda.InForceAsync(db, [.. contracts.Values.Select(c => c.Id)], ct);
        foreach (var payout in later)
        {
            if (contracts.GetValueOrDefault(payout.EntryId) is not { } contract)
            {
                result[payout.Id] = [];
                continue;
            }
            var accounting = PlanAccounting.Compute(PlanTerm.Of(contract, addenda[contract.Id]), ContractAddendum.Effective(contract, addenda[contract.Id]).Components,
                PaidTranches([.. paid[payout.EntryId]]), receipts[payout.EntryId]);
            result[payout.Id] = TrancheConditions.Met(TrancheConditions.Derive(payout.Tranche, accounting, deposits[payout.EntryId], reports[payout.EntryId]));
        }
        return result;
    }

    /// <summary>The amounts of the tranches paid so far, from the first, stopping at the first one not paid.</summary>
    private static List<decimal> PaidTranches(IReadOnlyCollection<Payout> payouts)
    {
        var paid = new List<decimal>();
        for (var tranche = 1; payouts.FirstOrDefault(p => p.Tranche == tranche && p.State == PayoutState.Paid) is { } p; tranche++)
        {
            paid.Add(p.Amount);
        }
        return paid;
    }

    /// <summary>The entry's contract in force: the last one whose document is not void.</summary>
    private async Task<DonationContract?> ContractAsync(int entryId, CancellationToken ct) =>
        (await ContractsAsync([entryId], ct)).GetValueOrDefault(entryId);

    private Task<Dictionary<int, DonationContract>> ContractsAsync(IReadOnlyCollection<int> entryIds, CancellationToken ct) =>
        ContractsInForceAsync(db, entryIds, ct);

    /// <summary>
    /// Each entry's contract in force (the last one whose document is not void), in one query: of the entries given, or of
    /// every entry with one when <paramref name="entryIds"/> is null.
    /// </summary>
    internal static async Task<Dictionary<int, DonationContract>> ContractsInForceAsync(ContestsDbContext db, IReadOnlyCollection<int>? entryIds,
        CancellationToken ct) =>
        (await db.DonationContracts.AsNoTracking()
            .Where(c => (entryIds == null || entryIds.Contains(c.EntryId)) && db.Documents.Any(d => d.Id == c.DocumentId && d.State == DocumentState.Valid))
            .ToListAsync(ct))
        .GroupBy(c => c.EntryId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Id)!);

    private (DateTime Now, DateOnly Today) Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return (now, DateOnly.FromDateTime(LimaTime.FromUtc(now)));
    }

    internal static DateOnly? Date(string? text, string field, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null; // the domain says it is required, naming the field
        }
        if (LimaInput.TryParseDate(text.Trim(), out var day))
        {
            return DateOnly.FromDateTime(day);
        }
        errors.Add(new DomainError("Payout.DateFormat", field, text.Trim()));
        return null;
    }

    /// <summary>The first refusal of each field: an unreadable date is not also "required".</summary>
    private static List<DomainError> OnePerField(List<DomainError> errors) => [.. errors.DistinctBy(e => e.Field)];

    /// <summary>Saves; a unique index refusing the row (the same voucher recorded a moment ago) becomes <paramref name="conflict"/>.</summary>
    private async Task<Result> SaveAsync(DomainError? conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Success();
        }
        catch (DbUpdateException) when (conflict is not null)
        {
            db.ChangeTracker.Clear();
            return Result.Fail(conflict);
        }
    }
}

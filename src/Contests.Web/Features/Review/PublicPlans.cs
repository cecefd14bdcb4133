using Contests.Core.Documents;
using Contests.Core.Payouts;
using Contests.Core.Plans;
using Contests.Core.Rounds;
using Contests.Web.Features.Documents;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Review;

/// <summary>Where a funded plan stands, as the public page says it.</summary>
public enum PublicPlanState
{
    InProgress,

    /// <summary>Its final report received.</summary>
    FinalReport,

    /// <summary>Closed out (liquidado): its accounts settled and any balance returned.</summary>
    Closed,
}

/// <summary>A plan's close-out as the public sees it: the day, what was paid, what was accounted for (both payers) and what was returned.</summary>
public sealed record PublicPlanCloseOut(DateOnly ClosedOn, decimal Paid, decimal Accounted, decimal Refund);

/// <summary>One component: its budget in force and the % done the latest report gave (null before any report).</summary>
public sealed record PublicPlanComponent(string Name, decimal Budget, int? Percent);

/// <summary>A tranche paid: its number, amount and day (never the account it went to).</summary>
public sealed record PublicPlanTranche(int Tranche, decimal Amount, DateOnly? PaidOn);

/// <summary>A report received: its kind, day, whether late, and the day the LRAC approved it.</summary>
/// <summary>A report as the public sees it: how many files it has, never their names or contents (they may carry personal data).</summary>
public sealed record PublicPlanReport(ReportKind Kind, DateOnly ReceivedOn, bool Late, DateOnly? ApprovedOn, int Attachments);

/// <summary>
/// A funded plan's public page: the organization, round and plan as the public results publish them, the contract's
/// number, term and amounts in force (after addenda), the components' progress, the tranches paid and the reports
/// received. Nothing about people: no DNI, no bank account or CCI, no phone, no address.
/// </summary>
public sealed record PublicPlanPage(int EntryId, int RoundId, string Round, string Programme, string Organization, string Plan, string ContractNumber,
    DateOnly Start, DateOnly End, decimal Project, decimal Counterpart, PublicPlanState State, IReadOnlyList<PublicPlanComponent> Components,
    DateOnly? ProgressOn, IReadOnlyList<PublicPlanTranche> Tranches, IReadOnlyList<PublicPlanReport> Reports, PublicPlanCloseOut? CloseOut);

/// <summary>
/// Funded plans for anyone (<c>/public/plans/{entry}</c>): only an entry of a published round with a contract in force
/// (its document valid) has one; the public results link to it from each funded entry.
/// </summary>
public sealed class PublicPlans(ContestsDbContext db)
{
    /// <summary>The round's entries with a contract in force, by their number (what the results list shows): the entry's id.</summary>
    public async Task<IReadOnlyDictionary<int, int>> FundedAsync(int roundId, CancellationToken ct) =>
        await (from c in db.DonationContracts.AsNoTracking()
               join e in db.Entries.AsNoTracking() on c.EntryId equals e.Id
               where c.RoundId == roundId && db.Documents.Any(d => d.Id == c.DocumentId && d.State == DocumentState.Valid)
               select new { e.Number, e.Id }).Distinct().ToDictionaryAsync(x => x.Number, x => x.Id, ct);

    /// <summary>The page, or null when the entry is unknown, its round not published, or it has no contract in force.</summary>
    public async Task<PublicPlanPage?> FindAsync(int entryId, CancellationToken ct)
    {
        var found = await (from e in db.Entries.AsNoTracking()
                           join r in db.Rounds.AsNoTracking() on e.RoundId equals r.Id
                           where e.Id == entryId
                           select new { e.Id, e.CompetitorName, e.PlanTitle, RoundId = r.Id, Round = r.Name, r.ProgrammeId, r.Phase }).FirstOrDefaultAsync(ct);
        if (found is not { Phase: >= RoundPhase.Published })
        {
            return null; // compared here: the phase is stored as text, whose order is not the phases'
        }
        var contract = await db.DonationContracts.AsNoTracking()
            .Where(c => c.EntryId == entryId && db.Documents.Any(d => d.Id == c.DocumentId && d.State == DocumentState.Valid))
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (contract is null)
        {
            return null;
        }
        var addenda = (await ContractAddenda.InForceAsync(db, [contract.Id], ct))[contract.Id];
        var effective = ContractAddendum.Effective(contract, addenda);
        var number = await db.Documents.AsNoTracking().Where(d => d.Id == contract.DocumentId).Select(d => d.Number).SingleAsync(ct);
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == found.ProgrammeId).Select(p => p.Name).SingleAsync(ct);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.EntryId == entryId).OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id).ToListAsync(ct);
        var attachments = await db.ReportAttachments.AsNoTracking().Where(a => a.EntryId == entryId).GroupBy(a => a.ReportId)
            .Select(g => new { ReportId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ReportId, g => g.Count, ct);
        var tranches = await db.Payouts.AsNoTracking().Where(p => p.EntryId == entryId && p.State == PayoutState.Paid).OrderBy(p => p.Tranche)
            .Select(p => new PublicPlanTranche(p.Tranche, p.Amount, p.PaidOn)).ToListAsync(ct);
        var latest = reports.LastOrDefault();
        var components = effective.Components
            .Select(c => new PublicPlanComponent(c.Name, c.Total, latest?.Progress.FirstOrDefault(p => p.Component == c.Name)?.Percent)).ToList();
        var closeOut = await db.PlanCloseOuts.AsNoTracking().Where(c => c.EntryId == entryId)
            .Select(c => new PublicPlanCloseOut(c.ClosedOn, c.Paid, c.AccountedProject + c.AccountedCounterpart, c.Refund)).FirstOrDefaultAsync(ct);
        var state = closeOut is not null ? PublicPlanState.Closed
            : reports.Any(r => r.Kind == ReportKind.Final) ? PublicPlanState.FinalReport : PublicPlanState.InProgress;
        return new PublicPlanPage(found.Id, found.RoundId, found.Round, programme, found.CompetitorName, found.PlanTitle ?? found.CompetitorName, number,
            effective.Start, effective.End, effective.Project, effective.Counterpart, state, components, latest?.ReceivedOn, tranches,
            [.. reports.Select(r => new PublicPlanReport(r.Kind, r.ReceivedOn, r.Late, r.ApprovedOn, attachments.GetValueOrDefault(r.Id)))], closeOut);
    }
}

using Contests.Core.Common;
using Contests.Core.Plans;
using Contests.Web.Features.Documents;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Plans;

/// <summary>One report a funded plan owes, with the plan it belongs to.</summary>
public sealed record PlanReportRow(int RoundId, string RoundName, int EntryId, int EntryNumber, string Competitor, ScheduledReport Report);

/// <summary>The reports owed across funded plans (<see cref="Rounds"/>: the rounds that have any, for the filter).</summary>
public sealed record PlanReportsPage(IReadOnlyList<(int Id, string Name)> Rounds, int? RoundId, IReadOnlyList<PlanReportRow> Rows);

/// <summary>
/// What every funded plan's reports stand at (<c>/plans/reports</c>): due, late, received or approved, as
/// <see cref="ReportSchedule"/> says for each plan with a contract in force; late ones first, then by due date.
/// </summary>
public sealed class PlanReports(ContestsDbContext db, TimeProvider clock)
{
    public async Task<PlanReportsPage> ListAsync(int? roundId, CancellationToken ct)
    {
        var contracts = (await FundedPlans.ContractsInForceAsync(db, null, ct)).Values.ToList();
        var roundIds = contracts.Select(c => c.RoundId).Distinct().ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        var shown = contracts.Where(c => roundId is null || c.RoundId == roundId).ToList();
        var entryIds = shown.Select(c => c.EntryId).ToList();
        var entries = await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Number, e.CompetitorName }).ToDictionaryAsync(e => e.Id, ct);
        var reports = (await db.ProgressReports.AsNoTracking().Where(r => entryIds.Contains(r.EntryId)).ToListAsync(ct)).ToLookup(r => r.EntryId);
        var closed = (await db.PlanCloseOuts.AsNoTracking().Where(c => entryIds.Contains(c.EntryId)).Select(c => c.EntryId).ToListAsync(ct)).ToHashSet();
        var addenda = await ContractAddenda.InForceAsync(db, [.. shown.Select(c => c.Id)], ct);
        var today = DateOnly.FromDateTime(LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var names = rounds.ToDictionary(r => r.Id, r => r.Name);
        var rows = shown.Where(c => entries.ContainsKey(c.EntryId))
            .SelectMany(c => ReportSchedule.Of(PlanTerm.Of(c, addenda[c.Id]), reports[c.EntryId], closed.Contains(c.EntryId), today)
                .Select(s => new PlanReportRow(c.RoundId, names.GetValueOrDefault(c.RoundId, string.Empty), c.EntryId, entries[c.EntryId].Number,
                    entries[c.EntryId].CompetitorName, s)))
            .OrderBy(r => r.Report.State).ThenBy(r => r.Report.DueOn).ThenBy(r => r.RoundId).ThenBy(r => r.EntryNumber)
            .ToList();
        return new PlanReportsPage([.. rounds.Select(r => (r.Id, r.Name))], roundId, rows);
    }
}

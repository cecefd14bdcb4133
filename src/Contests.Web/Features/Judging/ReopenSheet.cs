using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;

namespace Contests.Web.Features.Judging;

/// <summary>Reopens a submitted sheet during judging: the LRAC president (<see cref="Presidency"/>) or an officer, with a reason; audited.</summary>
public sealed class ReopenSheet(ContestsDbContext db, SheetFacts facts)
{
    /// <summary>Reopens a submitted sheet (the LRAC president or an officer, with a reason; audited).</summary>
    public async Task<Result> ReopenAsync(ScoreSheet sheet, string? reason, bool byPresidentOrOfficer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var (_, phase) = await facts.RoundOfAsync(sheet, ct);
        if (phase != RoundPhase.Judging)
        {
            return Result.Fail(new DomainError("Sheet.NotJudging", null, phase));
        }
        var result = sheet.Reopen(reason, byPresidentOrOfficer);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }
}

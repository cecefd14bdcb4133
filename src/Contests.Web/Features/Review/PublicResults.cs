using Contests.Core.Allocation;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Review;

/// <summary>One line of the public results: the entry as the rules publish it (name and community or district, never a DNI or an account).</summary>
public sealed record PublicResultRow(int Number, string Competitor, string Place, int Rank, decimal Final, decimal Amount,
    IReadOnlyList<Explanation> Explanation, string? OverrideReason, Explanation? NotFundedReason);

public sealed record PublicPool(string Name, IReadOnlyList<PublicResultRow> Rows);

/// <remarks>The acta is the latest approved one: the session's, or the addendum that approved the results again after appeals (<see cref="Addendum"/>).</remarks>
public sealed record PublicResultsPage(ContestRound Round, string Programme, string Office, int RulesVersion, string ActaCode, DateTime HeldUtc,
    string HeldPlace, DateTime? AppealsUntilUtc, decimal Total, IReadOnlyList<PublicPool> Pools, bool Addendum = false);

/// <summary>
/// A round's results as the LRAC approved them, for anyone (docs/architecture.md#rules-review-publication-and-appeals): only once the round is
/// published, from the current awards of its approved acta. It reads names, communities and districts —
/// nothing else about people: no DNI, no bank account, no address, no phone.
/// </summary>
public sealed class PublicResults(ContestsDbContext db)
{
    public async Task<PublicResultsPage?> FindAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.Phase < RoundPhase.Published || round.CurrentRules is not { } version)
        {
            return null;
        }
        var acta = await db.Actas.AsNoTracking().LatestApproved(round.Id).FirstOrDefaultAsync(ct);
        if (acta is null)
        {
            return null;
        }
        var awards = await db.Awards.AsNoTracking().Where(a => a.RoundId == round.Id && a.Current).ToListAsync(ct);
        var entries = await (from e in db.Entries
                             where e.RoundId == round.Id
                             join c in db.Communities on e.CommunityId equals c.Id into cs
                             from c in cs.DefaultIfEmpty()
                             join d in db.Districts on e.DistrictUbigeo equals d.Ubigeo
                             select new { e.Id, e.CompetitorName, e.PoolName, Community = c == null ? null : c.Name, District = d.Name })
            .ToDictionaryAsync(e => e.Id, ct);
        var pools = awards.GroupBy(a => a.PoolKey).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new PublicPool(
            entries[g.First().EntryId].PoolName,
            [.. g.OrderBy(a => a.Place).ThenBy(a => a.Number).Select(a =>
            {
                var e = entries[a.EntryId];
                return new PublicResultRow(a.Number, e.CompetitorName, e.Community is null ? e.District : $"{e.Community} ({e.District})", a.Place, a.Final,
                    a.Amount, a.Explanation, a.OverrideReason, a.NotFundedReason);
            })])).ToList();
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == round.ProgrammeId).Select(p => p.Name).SingleAsync(ct);
        var office = await db.LocalOffices.AsNoTracking().Where(o => o.Id == round.LocalOfficeId).Select(o => o.Name).SingleAsync(ct);
        return new PublicResultsPage(round, programme, office, version.Number, acta.Code!, acta.HeldUtc, acta.Place, acta.AppealsUntilUtc,
            awards.Sum(a => a.Amount), pools, acta.Kind == Core.Review.ActaKind.Addendum);
    }
}

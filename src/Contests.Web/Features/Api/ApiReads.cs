using System.Globalization;
using System.Text;
using Contests.Core.Monitoring;
using Contests.Core.Rounds;
using Contests.Web.Features.Review;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Api;

/// <summary>
/// An opaque position in a list: the last key served, base64url-encoded with a version mark. Clients pass it back
/// untouched; anything else is refused (400).
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string Encode(long last) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("v1:" + last.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <returns>The last key served (0 without a cursor), or null when the cursor is not one of ours.</returns>
    public static long? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }
        if (cursor.Length > 40)
        {
            return null;
        }
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[30];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return null;
        }
        var text = Encoding.ASCII.GetString(bytes, 0, written);
        return text.StartsWith("v1:", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last >= 0
            ? last
            : null;
    }
}

/// <summary>
/// What the read API serves, as projections. What is published decides what is served: rounds from the call onwards
/// (no drafts); entries, awards, payouts and follow-up only of rounds whose results the LRAC approved and published
/// — the same rows the public results page shows, and never a DNI, an account, an address or a phone.
/// </summary>
public sealed class ApiReads(ContestsDbContext db)
{
    /// <summary>Phases whose results are public. A list, not <c>&gt;=</c>: phases are stored as their names.</summary>
    private static readonly RoundPhase[] PublishedPhases = [.. Enum.GetValues<RoundPhase>().Where(p => p >= RoundPhase.Published)];

    public async Task<(IReadOnlyList<ApiRound> Rows, long? Last)> RoundsAsync(long after, int limit, CancellationToken ct)
    {
        var rounds = await (from r in db.Rounds.AsNoTracking()
                            where r.Phase != RoundPhase.Draft && r.Id > after
                            join o in db.LocalOffices on r.LocalOfficeId equals o.Id
                            orderby r.Id
                            select new { r.Id, r.Name, Office = o.Name, r.Level, r.Phase, r.CreatedUtc, Themes = r.Themes.Select(t => t.Theme).ToList() })
            .Take(limit + 1).ToListAsync(ct);
        var page = rounds.Take(limit).ToList();
        var ids = page.Where(r => r.Phase >= RoundPhase.Published).Select(r => r.Id).ToList();
        var actas = (await db.Actas.AsNoTracking().Where(a => ids.Contains(a.RoundId) && a.ApprovedUtc != null)
                .Select(a => new { a.Id, a.RoundId, a.Year, a.Number, a.ApprovedUtc }).ToListAsync(ct))
            .GroupBy(a => a.RoundId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!);
        var awarded = await db.Awards.AsNoTracking().Where(a => ids.Contains(a.RoundId) && a.Current)
            .GroupBy(a => a.RoundId).Select(g => new { RoundId = g.Key, Total = g.Sum(a => a.Amount) }).ToDictionaryAsync(g => g.RoundId, g => g.Total, ct);
        var rows = page.Select(r =>
        {
            var acta = actas.GetValueOrDefault(r.Id);
            return new ApiRound(r.Id, r.Name, r.Office, r.Level, [.. r.Themes.Order()], r.Phase, r.CreatedUtc,
                acta is { Number: { } n } ? FormattableString.Invariant($"{n:000}-{acta.Year}") : null, acta?.ApprovedUtc,
                acta is null ? null : awarded.GetValueOrDefault(r.Id));
        }).ToList();
        return (rows, rounds.Count > limit ? page[^1].Id : null);
    }

    /// <summary>Whether the round's results are published (an approved acta and the round published or later).</summary>
    public async Task<bool> PublishedAsync(int roundId, CancellationToken ct) =>
        await db.Rounds.AsNoTracking().AnyAsync(r => r.Id == roundId && PublishedPhases.Contains(r.Phase), ct)
        && await db.Actas.AsNoTracking().LatestApproved(roundId).AnyAsync(ct);

    public async Task<(IReadOnlyList<ApiEntry> Rows, long? Last)> EntriesAsync(int roundId, long after, int limit, CancellationToken ct)
    {
        var rows = await (from a in db.Awards.AsNoTracking()
                          where a.RoundId == roundId && a.Current && a.Number > after
                          join e in db.Entries on a.EntryId equals e.Id
                          join c in db.Communities on e.CommunityId equals c.Id into cs
                          from c in cs.DefaultIfEmpty()
                          join d in db.Districts on e.DistrictUbigeo equals d.Ubigeo
                          orderby a.Number
                          select new ApiEntry(a.Number, e.CompetitorName, c == null ? null : c.Name, d.Name, e.PoolName, a.Final, a.Place,
                              a.Qualified, a.Amount))
            .Take(limit + 1).ToListAsync(ct);
        return Cut(rows, limit, r => r.Number);
    }

    public async Task<(IReadOnlyList<ApiAward> Rows, long? Last)> AwardsAsync(int roundId, long after, int limit, CancellationToken ct)
    {
        var awards = await (from a in db.Awards.AsNoTracking()
                            where a.RoundId == roundId && a.Current && a.Amount > 0 && a.Number > after
                            join e in db.Entries on a.EntryId equals e.Id
                            orderby a.Number
                            select new { a.Number, e.CompetitorName, a.Amount, Funding = a.Funding.ToList() })
            .Take(limit + 1).ToListAsync(ct);
        var sources = await db.FundingSources.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var rows = awards.Select(a => new ApiAward(a.Number, a.CompetitorName, a.Amount,
            [.. a.Funding.OrderBy(f => f.FundingSourceId).Select(f => new ApiFundingShare(f.FundingSourceId, sources[f.FundingSourceId], f.Amount))])).ToList();
        return Cut(rows, limit, r => r.EntryNumber);
    }

    public async Task<ApiPayoutSummary> PayoutsAsync(int roundId, CancellationToken ct)
    {
        var states = (await db.Payouts.AsNoTracking().Where(p => p.RoundId == roundId)
                .GroupBy(p => p.State).Select(g => new { State = g.Key, Count = g.Count(), Amount = g.Sum(p => p.Amount) }).ToListAsync(ct))
            .OrderBy(s => s.State).Select(s => new ApiPayoutState(s.State, s.Count, s.Amount)).ToList();
        return new ApiPayoutSummary(roundId, states.Sum(s => s.Count), states.Sum(s => s.Amount), states);
    }

    public async Task<(IReadOnlyList<ApiFollowUp> Rows, long? Last)> FollowUpsAsync(int? roundId, long after, int limit, CancellationToken ct)
    {
        var published = db.Rounds.Where(r => PublishedPhases.Contains(r.Phase) && (roundId == null || r.Id == roundId)).Select(r => r.Id);
        var visits = await (from v in db.FollowUpVisits.AsNoTracking()
                            where v.Id > after
                            join e in db.Entries on v.EntryId equals e.Id
                            where published.Contains(e.RoundId)
                            orderby v.Id
                            select new { Visit = v, e.RoundId, e.Number, e.CompetitorName })
            .Take(limit + 1).ToListAsync(ct);
        var entryIds = visits.Select(v => v.Visit.EntryId).Distinct().ToList();
        var before = (await db.Entries.AsNoTracking().Where(e => entryIds.Contains(e.Id))
                .SelectMany(e => e.Baseline.Select(b => new { b.EntryId, b.Position, b.EstimatedValue })).ToListAsync(ct))
            .GroupBy(b => b.EntryId).ToDictionary(g => g.Key, g => (IReadOnlyList<BaselineValue>)[.. g.Select(b => new BaselineValue(b.Position, b.EstimatedValue))]);
        var rows = visits.Select(x =>
        {
            var v = x.Visit;
            // The visit's own change, by the indicators' definition (Core): as if it were the entry's only visit.
            var change = new EntryResult(v.EntryId, null, 0m, before.GetValueOrDefault(v.EntryId) ?? [],
                [new VisitFacts(v.Id, v.VisitedOn, [.. v.Items], v.OwnInvestment, v.InvestmentKept)]).AssetChange;
            return new ApiFollowUp(v.Id, x.RoundId, x.Number, x.CompetitorName, v.VisitedOn, v.VisitedBy, change, v.OwnInvestment, v.InvestmentKept);
        }).ToList();
        return Cut(rows, limit, r => r.Id);
    }

    private static (IReadOnlyList<T> Rows, long? Last) Cut<T>(List<T> rows, int limit, Func<T, long> key) =>
        rows.Count > limit ? (rows.Take(limit).ToList(), key(rows[limit - 1])) : (rows, null);
}
